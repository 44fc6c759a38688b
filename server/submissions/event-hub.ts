// In-process fan-out of a submission's events to the SSE streams watching it. Events are stored first and
// published after, so a listener that replays from the database and then listens misses nothing (it drops
// the seqs it already sent). Another web instance's events reach a stream through its database poll instead.
import type { StreamedEvent } from "@/lib/grading/submission-events";

type Listener = (event: StreamedEvent) => void;

export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  subscribe(submissionId: string, listener: Listener): () => void {
    let set = this.listeners.get(submissionId);
    if (!set) {
      set = new Set();
      this.listeners.set(submissionId, set);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(submissionId);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.listeners.delete(submissionId);
    };
  }

  publish(submissionId: string, event: StreamedEvent): void {
    for (const listener of this.listeners.get(submissionId) ?? []) listener(event);
  }

  listenerCount(submissionId: string): number {
    return this.listeners.get(submissionId)?.size ?? 0;
  }
}
