// What a learner's progress on one lesson looks like to the pages: built by server/progress, drawn by components.

export interface NextStep {
  label: string;
  href: string;
}

export interface LessonProgress {
  course: { slug: string; title: string };
  lesson: { slug: string; title: string; state: "published" | "outline" };
  sections: { read: number; total: number };
  checklist: { done: number; total: number };
  quiz: { questions: number; attempts: number; best: number | null };
  exercises: { passed: number; total: number };
  /** 0..1: the mean of the parts this lesson has. */
  completion: number;
  next: NextStep | null;
}
