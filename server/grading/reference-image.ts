import "server-only";
// The reference solution's image size, for the chart beside the learner's. It is measured by grading the solution
// on the same grader (sizes differ between engines, so a number written in content/ would mislead), once per
// exercise version and web process, and only once a learner has graded that exercise: visitors cost nothing.
import type { PrismaClient } from "@/generated/prisma/client";
import { exerciseSpecSchema, fileMapSchema } from "@/grader/contract";
import { openGrading, type GraderEndpoint } from "./grader-client";

export interface ReferenceImage {
  label: string;
  sizeBytes: number;
  layers: { createdBy: string; sizeBytes: number }[];
}

type Entry = { state: "measuring" } | { state: "known"; image: ReferenceImage | null };

const holder = globalThis as unknown as { __shipshapeReferenceImages?: Map<string, Entry> };
const measured = (holder.__shipshapeReferenceImages ??= new Map<string, Entry>());

async function measure(prisma: PrismaClient, grader: GraderEndpoint, exerciseId: string): Promise<ReferenceImage | null> {
  const row = await prisma.exercise.findUniqueOrThrow({ where: { id: exerciseId }, select: { spec: true, solution: true } });
  const spec = exerciseSpecSchema.parse(row.spec);
  const grading = await openGrading(grader, { spec, files: fileMapSchema.parse(row.solution), submissionId: `reference-${spec.slug}` });
  for await (const event of grading.events) {
    if (event.type === "verdict") {
      const image = event.verdict.image;
      return image ? { label: "Reference solution", sizeBytes: image.sizeBytes, layers: image.layers } : null;
    }
  }
  return null;
}

/** The reference image if measured; otherwise starts measuring it in the background and answers null for now. */
export async function referenceImage(prisma: PrismaClient, grader: GraderEndpoint, exerciseId: string): Promise<ReferenceImage | null> {
  const version = await prisma.exercise.findUnique({ where: { id: exerciseId }, select: { contentHash: true } });
  if (!version) return null;
  const key = `${exerciseId}:${version.contentHash}`;
  const entry = measured.get(key);
  if (entry?.state === "known") return entry.image;
  if (!entry) {
    measured.set(key, { state: "measuring" });
    measure(prisma, grader, exerciseId).then(
      (image) => measured.set(key, { state: "known", image }),
      // A busy or absent grader: forget the attempt so a later page view tries again.
      () => measured.delete(key),
    );
  }
  return null;
}
