import { route } from "@/server/http/route";
import { progressOverview } from "@/server/progress/summary";

export const dynamic = "force-dynamic";

/** One person's progress: themselves, an admin, or an instructor of a cohort they belong to; others get 404. */
export const GET = route<{ userId: string }>({ permission: "signed-in" }, async ({ ctx, params }) =>
  Response.json(await progressOverview(ctx, params.userId)),
);
