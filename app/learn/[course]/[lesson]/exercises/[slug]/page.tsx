import type { Metadata } from "next";
import { ExerciseView } from "@/components/exercise/exercise-view";
import { currentContext } from "@/server/auth/current-actor";
import { exercisePageData, type ExercisePageData } from "@/server/grading/exercise-page";
import { orNotFound } from "@/server/http/page-data";

export const dynamic = "force-dynamic";

type Props = PageProps<"/learn/[course]/[lesson]/exercises/[slug]">;

async function load(params: Props["params"]): Promise<{ data: ExercisePageData; signedIn: boolean }> {
  const { course, lesson, slug } = await params;
  const ctx = await currentContext();
  return { data: await orNotFound(exercisePageData(ctx, course, lesson, slug)), signedIn: ctx.actor !== null };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { data } = await load(params);
  return { title: data.title };
}

export default async function ExercisePage({ params }: Props) {
  const { data, signedIn } = await load(params);
  return (
    <ExerciseView
      exercise={data}
      here={`${data.lessonHref}/exercises/${data.slug}`}
      workspace={{ draft: data.draft, signedIn, reference: data.reference ? { label: data.reference.label, sizeBytes: data.reference.sizeBytes } : null }}
    />
  );
}
