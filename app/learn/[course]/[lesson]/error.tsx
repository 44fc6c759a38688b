"use client";
import { PageError } from "@/components/ui/page-error";

export default function LessonError({ reset }: { error: Error; reset: () => void }) {
  return <PageError what="lesson" reset={reset} />;
}
