import { route } from "@/server/http/route";
import { referenceSolutionFor } from "@/server/grading/use-cases";

export const dynamic = "force-dynamic";

/** The reference solution's files; refused (403) until the learner has failed three times. */
export const GET = route<{ slug: string }>({ permission: "grade" }, async ({ ctx, params }) => Response.json({ files: await referenceSolutionFor(ctx, params.slug) }));
