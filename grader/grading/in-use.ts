// What running gradings hold (their session ids, the baselines they compare with), counted, so the image cache
// trim spares them and two gradings sharing a baseline do not release it for each other.
export class InUse {
  private readonly counts = new Map<string, number>();

  hold(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  release(key: string): void {
    const n = (this.counts.get(key) ?? 0) - 1;
    if (n > 0) this.counts.set(key, n);
    else this.counts.delete(key);
  }

  get size(): number {
    return this.counts.size;
  }

  /** True when an image tag names something held. */
  covers(tag: string): boolean {
    for (const key of this.counts.keys()) if (tag.includes(key)) return true;
    return false;
  }
}
