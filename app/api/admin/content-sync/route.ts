import { resyncContent } from "@/server/content/resync";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Admins only: syncs content/ into the database and revalidates the pages of the courses that changed. */
export const POST = route({ permission: "content:author" }, async ({ ctx }) => Response.json(await resyncContent(ctx)));
