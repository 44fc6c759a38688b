import { actorFromRequest } from "@/server/auth/actor";
import { exportAccountData } from "@/server/accounts/account-data";
import { db } from "@/server/db";
import { handleErrors } from "@/server/errors";

export const dynamic = "force-dynamic";

/** Everything Shipshape holds about the caller, as a JSON download. */
export const GET = handleErrors(async (request: Request) => {
  const prisma = await db();
  const data = await exportAccountData(prisma, await actorFromRequest(prisma, request));
  const day = data.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="shipshape-export-${day}.json"`,
      "cache-control": "no-store",
    },
  });
});
