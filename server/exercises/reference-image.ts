import "server-only";
// The reference solution's image size, for the chart beside the learner's. It is measured by grading the solution
// on the grader (sizes differ between engines, so a number written in content/ would mislead), once per exercise
// version: a REFERENCE grading goes through the same dispatcher as a learner's (claim, retry, not gradable), started
// by a learner's submission (a POST that is rate limited anyway); reading it — a page view, GET
// /api/exercises/<slug>/submissions — never costs grader work. Its verdict's image is kept on the exercise row
// (server/submissions stores it with the verdict), so a restart or a second web instance does not grade it again.
import { z } from "zod";
import type { Verdict } from "@/grader/contract";
import type { ReferenceImage } from "@/lib/api/answers";
import type { DbContext } from "@/server/context";

// The stored JSON is read back through this: a past version of the app may have written another shape.
const referenceImageSchema: z.ZodType<ReferenceImage> = z.object({
  label: z.string(),
  sizeBytes: z.number().nonnegative(),
  layers: z.array(z.object({ createdBy: z.string(), sizeBytes: z.number().nonnegative() })),
});

/** What a reference grading's verdict says about the image, or null when it built none. */
export function referenceImageOf(verdict: Verdict): ReferenceImage | null {
  if (!verdict.image) return null;
  const { sizeBytes, layers } = verdict.image;
  return { label: "Reference solution", sizeBytes, layers };
}

/** The reference image if it was measured for the exercise's current version, else null. Reads only. */
export async function referenceImage({ db }: DbContext, exerciseId: string): Promise<ReferenceImage | null> {
  const row = await db.exercise.findUnique({ where: { id: exerciseId }, select: { contentHash: true, referenceImage: true, referenceImageHash: true } });
  if (!row || row.referenceImageHash !== row.contentHash) return null;
  const stored = referenceImageSchema.safeParse(row.referenceImage);
  return stored.success ? stored.data : null;
}
