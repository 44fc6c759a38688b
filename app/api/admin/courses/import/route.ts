import { importCourse } from "@/server/authoring/course-archive";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

const archiveTypes = ["application/gzip", "application/x-gzip", "application/zip", "application/x-zip-compressed", "application/octet-stream"];

/**
 * Content authors: a .tar.gz or .zip body in the content/ format → 201 `{ slug, published, renamedExercises }`.
 * `?slug=` imports under another slug, `?draft=1` keeps it from learners; 422 lists every file, field and line at fault.
 */
export const POST = route({ permission: "content:author", upload: { maxBytes: bodyLimits.courseArchive, types: archiveTypes } }, async ({ ctx, request, bytes }) => {
  const query = new URL(request.url).searchParams;
  const imported = await importCourse(ctx, bytes, { slug: query.get("slug") ?? undefined, draft: query.get("draft") === "1" });
  return Response.json(imported, { status: 201 });
});
