import "server-only";
// The reference solution's image size, for the chart beside the learner's. It is measured by grading the solution
// on the grader (sizes differ between engines, so a number written in content/ would mislead), once per exercise
// version, as background work started by a learner's submission (a POST that is rate limited anyway): reading
// it — a page view, GET /api/exercises/<slug>/submissions — never costs grader work. The measurement is kept on
// the exercise row, so a restart or a second web instance does not grade the solution again.
import { z } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import { exerciseSpecSchema, fileMapSchema } from "@/grader/contract";
import { asJson } from "@/server/json-value";
import { openGrading, type GraderEndpoint } from "@/server/grader-link/grader-client";

const referenceImageSchema = z.object({
  label: z.string(),
  sizeBytes: z.number().nonnegative(),
  layers: z.array(z.object({ createdBy: z.string(), sizeBytes: z.number().nonnegative() })),
});

export type ReferenceImage = z.infer<typeof referenceImageSchema>;

/** Exercise versions being measured by this process, so submissions during a measurement do not start another. */
const holder = globalThis as unknown as { __shipshapeReferenceMeasuring?: Set<string> };
const measuring = (holder.__shipshapeReferenceMeasuring ??= new Set<string>());

async function measure(prisma: PrismaClient, grader: GraderEndpoint, exerciseId: string, contentHash: string): Promise<void> {
  const row = await prisma.exercise.findUniqueOrThrow({ where: { id: exerciseId }, select: { spec: true, solution: true } });
  const spec = exerciseSpecSchema.parse(row.spec);
  const grading = await openGrading(grader, { spec, files: fileMapSchema.parse(row.solution), submissionId: `reference-${spec.slug}` });
  for await (const event of grading.events) {
    if (event.type !== "verdict" || !event.verdict.image) continue;
    const { sizeBytes, layers } = event.verdict.image;
    // Only for the version measured: content synced meanwhile is measured again on its next submission.
    await prisma.exercise.updateMany({
      where: { id: exerciseId, contentHash },
      data: { referenceImage: asJson({ label: "Reference solution", sizeBytes, layers } satisfies ReferenceImage), referenceImageHash: contentHash },
    });
  }
}

/** The reference image if it was measured for the exercise's current version, else null. Reads only. */
export async function referenceImage(prisma: PrismaClient, exerciseId: string): Promise<ReferenceImage | null> {
  const row = await prisma.exercise.findUnique({ where: { id: exerciseId }, select: { contentHash: true, referenceImage: true, referenceImageHash: true } });
  if (!row || row.referenceImageHash !== row.contentHash) return null;
  const stored = referenceImageSchema.safeParse(row.referenceImage);
  return stored.success ? stored.data : null;
}

/**
 * Measures the exercise's current version unless that was done or is under way in this process; resolves when
 * done. A busy or absent grader, or a solution without an image, leaves it unmeasured until the next submission.
 */
export async function measureReferenceImage(prisma: PrismaClient, grader: GraderEndpoint, exerciseId: string): Promise<void> {
  const row = await prisma.exercise.findUnique({ where: { id: exerciseId }, select: { contentHash: true, referenceImageHash: true } });
  if (!row || row.referenceImageHash === row.contentHash) return;
  const key = `${exerciseId}:${row.contentHash}`;
  if (measuring.has(key)) return;
  measuring.add(key);
  try {
    await measure(prisma, grader, exerciseId, row.contentHash);
  } catch {
    // Not measured: the next submission tries again.
  } finally {
    measuring.delete(key);
  }
}
