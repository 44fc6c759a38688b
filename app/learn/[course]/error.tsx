"use client";
import { PageError } from "@/components/ui/page-error";

export default function CourseError({ reset }: { error: Error; reset: () => void }) {
  return <PageError what="course" reset={reset} />;
}
