import { describe, expect, it } from "vitest";
import { GradingQueue, QueueFull } from "./queue";

const never = new AbortController().signal;

describe("GradingQueue", () => {
  it("runs up to its concurrency, queues up to its size, refuses beyond", async () => {
    const q = new GradingQueue(1, 1);
    const first = q.enter(never);
    expect(first.position).toBe(0);
    const second = q.enter(never);
    expect(second.position).toBe(1);
    expect(() => q.enter(never)).toThrow(QueueFull);
    let secondRan = false;
    void second.turn.then(() => (secondRan = true));
    (await first.turn)();
    await new Promise((r) => setTimeout(r, 0));
    expect(secondRan).toBe(true);
    expect(q.depth).toBe(0);
    (await second.turn)();
    expect(q.active).toBe(0);
  });

  it("drops a waiter whose client went away", async () => {
    const q = new GradingQueue(1, 5);
    const first = q.enter(never);
    const ctl = new AbortController();
    const second = q.enter(ctl.signal);
    ctl.abort();
    await expect(second.turn).rejects.toThrow(/cancelled/);
    expect(q.depth).toBe(0);
    (await first.turn)();
    expect(q.active).toBe(0);
  });

  it("tells each waiter its new place as the line moves, including when someone ahead leaves", async () => {
    const q = new GradingQueue(1, 5);
    const running = q.enter(never);
    const leaving = new AbortController();
    const second = q.enter(leaving.signal);
    const third = q.enter(never);
    const fourth = q.enter(never);
    const heard: number[][] = [[], []];
    third.watch((p) => heard[0]?.push(p));
    const stop = fourth.watch((p) => heard[1]?.push(p));
    leaving.abort();
    await expect(second.turn).rejects.toThrow(/cancelled/);
    expect(heard).toEqual([[1], [2]]);
    (await running.turn)();
    expect(heard).toEqual([[1], [2, 1]]);
    stop();
    (await third.turn)();
    expect(heard).toEqual([[1], [2, 1]]);
    (await fourth.turn)();
    expect(q.active).toBe(0);
  });

  it("suggests a Retry-After of at least 5 s", () => {
    const q = new GradingQueue(1, 0);
    q.enter(never);
    try {
      q.enter(never);
      expect.unreachable();
    } catch (err) {
      expect((err as QueueFull).retryAfterSeconds).toBeGreaterThanOrEqual(5);
    }
  });
});
