import type { Metadata } from "next";
import { QuizEditor } from "@/components/admin/quiz-editor";
import { RevisionHistory } from "@/components/admin/revision-history";
import { currentContext } from "@/server/auth/current-actor";
import { quizForEditing } from "@/server/authoring/quizzes";
import { orNotFound } from "@/server/http/page-data";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";

export const metadata: Metadata = { title: "Edit quiz" };
export const dynamic = "force-dynamic";

export default async function EditQuizPage({ params }: PageProps<"/admin/courses/[slug]/lessons/[lesson]/quiz">) {
  const { slug, lesson } = await params;
  const quiz = await orNotFound(quizForEditing(await currentContext(), slug, lesson));
  return (
    <div>
      <Breadcrumbs crumbs={[{ label: "Courses", href: "/admin" }, { label: slug }, { label: lesson }, { label: "Quick test" }]} />
      <p className="text-sm">Quick test {quiz.editable ? (quiz.hasDraft ? "· unpublished changes" : "") : "· built-in, read-only: edit quiz.yaml in content/"}</p>
      <div className="mt-4">
        {/* Opened afresh when a publish, discard or restore changes which revision is the newest draft. */}
        <QuizEditor key={String(quiz.hasDraft)} course={slug} lesson={lesson} yaml={quiz.yaml} editable={quiz.editable} />
      </div>
      <div className="mt-6 max-w-3xl">
        <RevisionHistory kind="quiz" course={slug} lesson={lesson} revisions={quiz.revisions} hasDraft={quiz.hasDraft} editable={quiz.editable} />
      </div>
    </div>
  );
}
