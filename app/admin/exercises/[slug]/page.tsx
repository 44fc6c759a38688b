import type { Metadata } from "next";
import { ExerciseEditor } from "@/components/admin/exercise-editor";
import { currentContext } from "@/server/auth/current-actor";
import { exerciseForEditing } from "@/server/authoring/exercises";
import { uploadLimitsInForce } from "@/server/exercises/grading-environment";
import { orNotFound } from "@/server/http/page-data";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";

export const metadata: Metadata = { title: "Edit exercise" };
export const dynamic = "force-dynamic";

export default async function EditExercisePage({ params }: PageProps<"/admin/exercises/[slug]">) {
  const { slug } = await params;
  const data = await orNotFound(exerciseForEditing(await currentContext(), slug));
  return (
    <div>
      <Breadcrumbs crumbs={[{ label: "Courses", href: "/admin" }, { label: data.course.title }, { label: data.lesson.title }, { label: data.slug }]} />
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{data.draft.spec.title}</h1>
      <div className="mt-4">
        {/* Kept mounted across saves and a publish (which change only the revision list and the state line), so the
            proving run's note stays on screen. */}
        <ExerciseEditor data={data} uploadLimits={uploadLimitsInForce()} learnerHref={`/learn/${data.course.slug}/${data.lesson.slug}/exercises/${data.slug}`} />
      </div>
    </div>
  );
}
