// A bounded FIFO in front of the engine: `concurrency` gradings run, up to `size` wait, the rest are told to
// come back later (503 + Retry-After). Retry-After is estimated from recent grading durations. A waiter hears
// every move up the line, so the learner's stream says where they are instead of falling silent.
export class QueueFull extends Error {
  override name = "QueueFull";
  constructor(readonly retryAfterSeconds: number) {
    super(`the grader is busy; retry in ${retryAfterSeconds} s`);
  }
}

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (err: Error) => void;
  moved: Set<(position: number) => void>;
}

export interface QueueTicket {
  /** How many gradings are ahead (0 = runs now). */
  position: number;
  turn: Promise<() => void>;
  /** Calls `listener` with the new position each time the line moves; returns the unsubscribe. */
  watch(listener: (position: number) => void): () => void;
}

export class GradingQueue {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  private recentMs: number[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly size: number,
  ) {}

  get depth(): number {
    return this.waiting.length;
  }

  get active(): number {
    return this.running;
  }

  /** Reserves a place or throws QueueFull. */
  enter(signal: AbortSignal): QueueTicket {
    if (this.running < this.concurrency && this.waiting.length === 0) {
      this.running += 1;
      return { position: 0, turn: Promise.resolve(this.releaser()), watch: () => () => undefined };
    }
    if (this.waiting.length >= this.size) throw new QueueFull(this.retryAfter());
    const position = this.waiting.length + 1;
    const moved = new Set<(position: number) => void>();
    const turn = new Promise<() => void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, moved };
      this.waiting.push(waiter);
      signal.addEventListener(
        "abort",
        () => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) {
            this.waiting.splice(i, 1);
            reject(new Error("cancelled while queued"));
            this.announceFrom(i);
          }
        },
        { once: true },
      );
    });
    return {
      position,
      turn,
      watch: (listener) => {
        moved.add(listener);
        return () => moved.delete(listener);
      },
    };
  }

  /** Tells the waiters from index `from` on their new place (1 = next to run). */
  private announceFrom(from: number): void {
    for (let i = from; i < this.waiting.length; i++) for (const listener of this.waiting[i]?.moved ?? []) listener(i + 1);
  }

  recordDuration(ms: number): void {
    this.recentMs = [...this.recentMs.slice(-19), ms];
  }

  private retryAfter(): number {
    const avg = this.recentMs.length > 0 ? this.recentMs.reduce((a, b) => a + b, 0) / this.recentMs.length : 20_000;
    return Math.max(5, Math.ceil(((this.waiting.length / this.concurrency) * avg) / 1000));
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) {
        next.resolve(this.releaser());
        this.announceFrom(0);
      } else this.running -= 1;
    };
  }
}
