"use client";
import { PageError } from "@/components/ui/page-error";

export default function LessonError({ retry }: { error: unknown; retry: () => void }) {
  return <PageError what="lesson" retry={retry} />;
}
