import type { Metadata } from "next";
import Link from "next/link";
import { LessonEditor } from "@/components/admin/lesson-editor";
import { currentContext } from "@/server/auth/current-actor";
import { lessonForEditing } from "@/server/authoring/lessons";
import { orNotFound } from "@/server/http/page-data";

export const metadata: Metadata = { title: "Edit lesson" };
export const dynamic = "force-dynamic";

export default async function EditLessonPage({ params }: PageProps<"/admin/courses/[slug]/lessons/[lesson]">) {
  const { slug, lesson } = await params;
  const data = await orNotFound(lessonForEditing(await currentContext(), slug, lesson));
  return (
    <div>
      <p className="text-sm">
        <Link href="/admin" className="underline">
          Courses
        </Link>{" "}
        / {data.course.title} / {data.slug} {data.hasDraft ? "· unpublished changes" : "· published"}
      </p>
      <div className="mt-4">
        {/* Opened afresh when a publish, discard or restore changes what the newest revision is to the editor; a save
            keeps the editor (and its note) as it is. */}
        <LessonEditor key={String(data.hasDraft)} data={data} />
      </div>
    </div>
  );
}
