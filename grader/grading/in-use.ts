// What running gradings hold (their session ids, the baselines they compare with), counted, so the image cache
// trim spares them and two gradings sharing a baseline do not release it for each other. Also the layers their
// builds stand on right now (each `---> <id>` the builder reports, cache hits included), so a trim running
// while they build never removes an image whose chain holds one of them: the builder's next step starts from it.
export class InUse {
  private readonly counts = new Map<string, number>();
  private readonly layers = new Map<string, Set<string>>();

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

  /** True when an engine object's grading label (a session id, or one with a suffix such as `-registry`) is held. */
  holdsGrading(label: string): boolean {
    for (const key of this.counts.keys()) if (label === key || label.startsWith(`${key}-`)) return true;
    return false;
  }

  /** `layer`: an image id as the build stream shows it (12 hex digits or more). */
  holdLayer(holder: string, layer: string): void {
    let set = this.layers.get(holder);
    if (!set) this.layers.set(holder, (set = new Set()));
    set.add(layer.replace(/^sha256:/, "").slice(0, 12));
  }

  releaseLayers(holder: string): void {
    this.layers.delete(holder);
  }

  /** True when any of `ids` (an image and its parents, full or short) is a layer a running build stands on. */
  holdsAnyLayer(ids: readonly string[]): boolean {
    if (this.layers.size === 0) return false;
    const held = new Set([...this.layers.values()].flatMap((s) => [...s]));
    return ids.some((id) => held.has(id.replace(/^sha256:/, "").slice(0, 12)));
  }
}
