import { discardExerciseDraft } from "@/server/authoring/exercise-revisions";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Content authors, authored courses only: drops the revisions after the published one (audited); 409 if never published. */
export const POST = route<{ slug: string }>({ permission: "content:author" }, async ({ ctx, params }) =>
  Response.json(await discardExerciseDraft(ctx, params.slug)),
);
