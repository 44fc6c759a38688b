"use client";
// Follows one submission's SSE stream into a GradingProgress. EventSource reconnects by itself and sends
// Last-Event-ID, and the server replays from there, so a dropped connection neither loses nor repeats events.
import { useEffect, useState } from "react";
import { streamedEventSchema } from "@/lib/grading/submission-events";
import { applyEvent, initialProgress, type GradingProgress } from "./grading-progress";

export function useSubmissionStream(submissionId: string | null): GradingProgress {
  const [progress, setProgress] = useState<{ id: string | null; state: GradingProgress }>({ id: null, state: initialProgress });

  useEffect(() => {
    if (!submissionId) return;
    const source = new EventSource(`/api/submissions/${encodeURIComponent(submissionId)}/events`);
    source.onmessage = (message: MessageEvent<string>) => {
      const parsed = streamedEventSchema.safeParse(JSON.parse(message.data));
      if (!parsed.success) return;
      setProgress((current) => ({ id: submissionId, state: applyEvent(current.id === submissionId ? current.state : initialProgress, parsed.data) }));
      if (parsed.data.event.type === "verdict") source.close();
    };
    return () => source.close();
  }, [submissionId]);

  return progress.id === submissionId ? progress.state : initialProgress;
}
