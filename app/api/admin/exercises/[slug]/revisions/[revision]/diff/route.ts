import { exerciseRevisionDiff } from "@/server/authoring/exercise-revisions";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors: the revision as its folder's files against the published exercise, line by line. */
export const GET = route<{ slug: string; revision: string }>({ permission: "content:author" }, async ({ ctx, params }) =>
  Response.json(await exerciseRevisionDiff(ctx, params.slug, params.revision)),
);
