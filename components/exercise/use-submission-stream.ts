"use client";
// Follows one submission's SSE stream into a GradingProgress. EventSource reconnects by itself and sends
// Last-Event-ID, and the server replays from there, so a dropped connection neither loses nor repeats events.
// A submission the learner just made starts from the first event its POST answered with, and the stream
// continues after it: the live view moves the moment the submission is stored, not a round trip later.
import { useEffect, useMemo, useState } from "react";
import { webApi } from "@/lib/api/web-api";
import { streamedEventSchema, type StreamedEvent } from "@/lib/grading/submission-events";
import { applyEvent, initialProgress, type GradingProgress } from "./grading-progress";

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
    const source = new EventSource(webApi.submissionEventsUrl(submissionId, first?.seq));
    source.onmessage = (message: MessageEvent<string>) => {
      const parsed = streamedEventSchema.safeParse(JSON.parse(message.data));
      if (!parsed.success) return;
      setProgress((current) => ({ id: submissionId, state: applyEvent(current.id === submissionId ? current.state : start, parsed.data) }));
      if (parsed.data.event.type === "verdict") source.close();
    };
    return () => source.close();
  }, [submissionId, first, start]);

  return progress.id === submissionId ? progress.state : start;
}
