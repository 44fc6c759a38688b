"use client";
import { PageError } from "@/components/ui/page-error";

export default function CourseError({ retry }: { error: unknown; retry: () => void }) {
  return <PageError what="course" retry={retry} />;
}
