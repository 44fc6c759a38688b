import { defaultUploadLimits, formatBytes } from "@/lib/grading/file-rules";
import { bodyLimits } from "@/server/http/limits";
import { route } from "@/server/http/route";
import { attemptsOf, submitForGrading } from "@/server/grading/use-cases";

export const dynamic = "force-dynamic";

const upload = {
  maxBytes: bodyLimits.submission,
  tooLarge: `The upload is larger than a grading accepts (${formatBytes(defaultUploadLimits.uploadMaxBytes)} of files). Remove build outputs, dependencies or logs.`,
};

/**
 * Stores the learner's files as a submission and starts grading it: 202 { id, event } with the stored first event
 * (seq 1), then follow /api/submissions/<id>/events?after=1.
 */
export const POST = route<{ slug: string }>({ permission: "grade", body: upload }, async ({ ctx, params, json }) => {
  const submission = await submitForGrading(ctx, params.slug, json);
  return Response.json(submission, { status: 202, headers: { location: `/api/submissions/${submission.id}` } });
});

/** The learner's attempts at this exercise, newest first, with the reference solution's image size when known. */
export const GET = route<{ slug: string }>({ permission: "grade" }, async ({ ctx, params }) => Response.json(await attemptsOf(ctx, params.slug)));
