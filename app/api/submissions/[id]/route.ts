import { route } from "@/server/http/route";
import { viewSubmission } from "@/server/grading/use-cases";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>({ permission: "signed-in" }, async ({ ctx, params }) => Response.json(await viewSubmission(ctx, params.id)));
