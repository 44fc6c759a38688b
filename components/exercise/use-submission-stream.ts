"use client";
// Follows one submission's SSE stream into a GradingProgress. EventSource reconnects by itself and sends
// Last-Event-ID, and the server replays from there, so a dropped connection neither loses nor repeats events.
// A submission the learner just made starts from the first event its POST answered with, and the stream
// continues after it: the live view moves the moment the submission is stored, not a round trip later.
// The events' schema (and zod with it) loads with the first stream, not with the exercise page.
import { useEffect, useMemo, useState } from "react";
import { webApi } from "@/lib/api/web-api";
import type { StreamedEvent } from "@/lib/grading/submission-events";
import { applyEvent, initialProgress, type GradingProgress } from "./grading-progress";

const schemaRetryMs = 2000;

export interface StreamSeed {
  submissionId: string;
  event: StreamedEvent;
}

export function useSubmissionStream(submissionId: string | null, seed: StreamSeed | null = null): GradingProgress {
  const first = seed && seed.submissionId === submissionId ? seed.event : null;
  const start = useMemo(() => (first ? applyEvent(initialProgress, first) : initialProgress), [first]);
  const [progress, setProgress] = useState<{ id: string | null; state: GradingProgress }>({ id: null, state: initialProgress });

  useEffect(() => {
    if (!submissionId) return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let afterSeq = first?.seq;
    const follow = () => {
      const schema = import("@/lib/grading/submission-events").then((events) => events.streamedEventSchema);
      const current = new EventSource(webApi.submissionEventsUrl(submissionId, afterSeq));
      source = current;
      // Messages are applied in arrival order, each once the schema is there.
      let applied: Promise<unknown> = Promise.resolve();
      current.onmessage = (message: MessageEvent<string>) => {
        applied = applied
          .then(async () => {
            const parsed = (await schema).safeParse(JSON.parse(message.data));
            if (!parsed.success) return;
            afterSeq = parsed.data.seq;
            setProgress((state) => ({ id: submissionId, state: applyEvent(state.id === submissionId ? state.state : start, parsed.data) }));
            if (parsed.data.event.type === "verdict") current.close();
          })
          .catch(() => undefined);
      };
      // Without its schema no event can be shown: follow again, from the last one shown, once it can load.
      schema.catch(() => {
        current.close();
        retry = setTimeout(follow, schemaRetryMs);
      });
    };
    follow();
    return () => {
      source?.close();
      clearTimeout(retry);
    };
  }, [submissionId, first, start]);

  return progress.id === submissionId ? progress.state : start;
}
