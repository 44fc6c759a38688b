import type { Metadata } from "next";
import Link from "next/link";
import { ExerciseView } from "@/components/exercise/exercise-view";
import { currentContext } from "@/server/auth/current-actor";
import { exercisePreview } from "@/server/authoring/exercise-preview";
import { orNotFound } from "@/server/http/page-data";

export const metadata: Metadata = { title: "Preview as a learner" };
export const dynamic = "force-dynamic";

/** A revision of an exercise as learners will get it, graded by the real grader against that revision. */
export default async function ExercisePreviewPage({ params }: PageProps<"/admin/exercises/[slug]/preview/[revision]">) {
  const { slug, revision } = await params;
  const data = await orNotFound(exercisePreview(await currentContext(), slug, revision));
  const here = `/admin/exercises/${data.slug}/preview/${data.revision.id}`;
  const editor = `/admin/exercises/${data.slug}`;
  return (
    <ExerciseView
      notice={
        <p role="status" data-testid="preview-banner" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          Preview as a learner of revision {data.revision.number} ({data.revision.published ? "published" : "a draft learners do not get yet"}): gradings here use this
          revision&apos;s spec and count as no one&apos;s attempt.{" "}
          <Link href={editor as never} className="underline">
            Back to the editor
          </Link>
        </p>
      }
      exercise={data}
      here={here}
      workspace={{ draft: null, signedIn: true, reference: null, preview: { revisionId: data.revision.id, solution: data.solution } }}
    />
  );
}
