import type { Metadata } from "next";
import { LessonEditor } from "@/components/admin/lesson-editor";
import { currentContext } from "@/server/auth/current-actor";
import { lessonForEditing } from "@/server/authoring/lessons";
import { orNotFound } from "@/server/http/page-data";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";

export const metadata: Metadata = { title: "Edit lesson" };
export const dynamic = "force-dynamic";

export default async function EditLessonPage({ params }: PageProps<"/admin/courses/[slug]/lessons/[lesson]">) {
  const { slug, lesson } = await params;
  const data = await orNotFound(lessonForEditing(await currentContext(), slug, lesson));
  return (
    <div>
      <Breadcrumbs crumbs={[{ label: "Courses", href: "/admin" }, { label: data.course.title }, { label: data.slug }]} />
      <p className="text-sm">Lesson {data.hasDraft ? "· unpublished changes" : "· published"}</p>
      <div className="mt-4">
        {/* Opened afresh when a publish, discard or restore changes what the newest revision is to the editor; a save
            keeps the editor (and its note) as it is. */}
        <LessonEditor key={String(data.hasDraft)} data={data} />
      </div>
    </div>
  );
}
