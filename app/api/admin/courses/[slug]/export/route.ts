import { exportCourse } from "@/server/authoring/course-archive";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors: the course (built-in or authored) as a .tar.gz in the content/ format. */
export const GET = route<{ slug: string }>({ permission: "content:author" }, async ({ ctx, params }) => {
  const { filename, archive } = await exportCourse(ctx, params.slug);
  return new Response(new Uint8Array(archive), {
    headers: { "content-type": "application/gzip", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
  });
});
