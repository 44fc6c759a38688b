import "server-only";
// Re-reads content/ and syncs it into the database from inside the running web server (an admin's "publish" of
// edited files), then revalidates the cached reading pages of every course that changed, so the next request
// for any of them renders the new revision. At start-up the same sync runs before the server, which starts with
// an empty page cache and needs no revalidation (next.config.ts keeps that cache off the disk).
import path from "node:path";
import { revalidateTag } from "next/cache";
import { requirePermission } from "@/server/authz";
import { forgetReadingPages } from "@/server/http/reading-page-cache";
import type { Ctx } from "@/server/context";
import { loadAllContent } from "./load";
import { catalogTag, courseTag } from "./reading-tags";
import { syncContent, type SyncResult } from "./sync";

// `expire: 0`: the next reader gets the new content, never one more stale copy while it regenerates.
const now = { expire: 0 };

export function revalidateReadingPages(courseSlugs: readonly string[]): void {
  if (courseSlugs.length === 0) return;
  forgetReadingPages();
  revalidateTag(catalogTag, now);
  for (const slug of courseSlugs) revalidateTag(courseTag(slug), now);
}

export async function resyncContent(ctx: Ctx, contentRoot = path.resolve("content")): Promise<SyncResult> {
  requirePermission(ctx.actor, "content:author");
  const result = await syncContent(ctx, await loadAllContent(contentRoot));
  revalidateReadingPages(result.changedCourses);
  return result;
}
