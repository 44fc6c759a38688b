import "server-only";
// Mistake clusters: per exercise, the cohort's latest attempts grouped by the required check that failed first,
// and within it by the failure's normalized signature (failure-signature.ts), largest first — what to explain to
// the whole group rather than to one learner.
import type { CheckCluster, ExerciseClusters, SignatureGroup } from "@/lib/api/answers";
import type { Ctx } from "@/server/context";
import type { AttemptRecord } from "./attempt-records";
import { indexBy, loadCohortFacts, type CohortFacts } from "./cohort-facts";
import { failureSignature } from "./failure-signature";

/** A failed attempt whose verdict names no failing required check (an older verdict format) still groups. */
const unnamedCheck = "unknown";

export function buildClusters({ members, lessons, records }: Pick<CohortFacts, "members" | "lessons" | "records">): ExerciseClusters[] {
  const userOf = new Map(members.map((m) => [m.user.id, m.user]));
  const latestOf = indexBy(
    records.filter((r) => r.recency === 1),
    (r) => r.exerciseId,
  );
  return lessons.flatMap((lesson) =>
    lesson.exercises.map((exercise) => {
      const latest = latestOf.get(exercise.id) ?? [];
      const failing = latest.filter((r) => r.status === "FAILED");
      const byCheck = indexBy(failing, (r) => r.failure?.id ?? unnamedCheck);
      const clusters: CheckCluster[] = [...byCheck].map(([check, group]) => {
        const first = group[0]?.failure;
        const bySignature = indexBy(group, (r) => (r.failure ? failureSignature(r.failure) : "no failing check recorded"));
        const signatures: SignatureGroup[] = [...bySignature].map(([signature, rows]) => signatureGroup(signature, rows, latest.length, userOf));
        signatures.sort((a, b) => b.learners.length - a.learners.length || a.signature.localeCompare(b.signature));
        return { check, title: first?.title ?? check, hint: first?.hint ?? null, share: group.length / latest.length, learnerCount: group.length, signatures };
      });
      clusters.sort((a, b) => b.learnerCount - a.learnerCount || a.check.localeCompare(b.check));
      return { exercise: { slug: exercise.slug, title: exercise.title }, attempted: latest.length, passed: latest.length - failing.length, clusters };
    }),
  );
}

function signatureGroup(signature: string, rows: AttemptRecord[], attempted: number, userOf: Map<string, { id: string; email: string; name: string | null }>): SignatureGroup {
  const learners = rows.flatMap((r) => {
    const user = userOf.get(r.userId);
    return user ? [{ ...user, submissionId: r.submissionId }] : [];
  });
  learners.sort((a, b) => a.email.localeCompare(b.email));
  const example = rows[0] as AttemptRecord;
  return { signature, share: rows.length / attempted, learners, example: { userId: example.userId, submissionId: example.submissionId, message: example.failure?.message ?? "" } };
}

export async function cohortClusters(ctx: Ctx, cohortId: string): Promise<ExerciseClusters[]> {
  return buildClusters(await loadCohortFacts(ctx, cohortId));
}
