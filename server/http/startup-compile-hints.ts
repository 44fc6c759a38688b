// The scripts a page runs before it can hydrate (React, Next's router, the bundler's runtime, the page's own client
// components) are wrapped by the bundler in one small function per module, and V8 compiles a function only when it
// is first called: on the main thread, in the middle of starting the page. On the catalog that was most of the
// start-up script time (a profile put ~45 ms of 150 ms in the bundler's module loader alone, unthrottled). V8's
// explicit compile hint — a first line `//# allFunctionsCalledOnLoad` — has the whole file compiled eagerly while it
// streams in, off the main thread (Chrome 136 and later; other browsers read a comment). Only start-up chunks get
// it: a chunk loaded on demand (the exercise page's editor) would pay for compiling code it may never call.
// Run once per build, after Next compiles (next.config.ts, `compiler.runAfterProductionCompile`).
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import vm from "node:vm";

export const compileHint = "//# allFunctionsCalledOnLoad\n";

const whereToLook = "Next's build output changed, see server/http/startup-compile-hints.ts";

/** The chunks every page loads first (React, the router, the bundler's runtime), as the build manifest names them. */
async function rootChunks(distDir: string): Promise<string[]> {
  const manifestPath = path.join(distDir, "build-manifest.json");
  const files = (JSON.parse(await readFile(manifestPath, "utf8")) as { rootMainFiles?: unknown }).rootMainFiles;
  const names = Array.isArray(files) ? files.filter((f): f is string => typeof f === "string") : [];
  if (names.length === 0) throw new Error(`${manifestPath} names no start-up scripts (rootMainFiles): ${whereToLook}`);
  return names;
}

async function clientReferenceManifests(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith("_client-reference-manifest.js")).map((e) => path.join(e.parentPath, e.name));
}

/**
 * The chunks each page and layout loads with its document (`entryJSFiles` of the client reference manifests Next
 * writes beside each server page). A manifest is a script of the build's own that assigns one object; it runs in an
 * empty context, never in ours.
 */
async function pageEntryChunks(distDir: string): Promise<string[]> {
  const manifests = await clientReferenceManifests(path.join(distDir, "server", "app"));
  if (manifests.length === 0) throw new Error(`no client reference manifests under ${distDir}/server/app: ${whereToLook}`);
  const chunks = new Set<string>();
  for (const manifestPath of manifests) {
    const scope: Record<string, unknown> = {};
    scope.globalThis = scope;
    vm.runInNewContext(await readFile(manifestPath, "utf8"), scope, { filename: manifestPath, timeout: 1000 });
    const pages = scope.__RSC_MANIFEST as Record<string, { entryJSFiles?: Record<string, string[]> }> | undefined;
    const entries = pages && Object.values(pages).map((page) => page.entryJSFiles);
    if (!entries || entries.some((e) => e === undefined)) throw new Error(`${manifestPath} has no entryJSFiles: ${whereToLook}`);
    for (const files of entries.flatMap((e) => Object.values(e ?? {}))) for (const file of files) chunks.add(file);
  }
  return [...chunks];
}

/** Gives each start-up chunk the compile hint once (a second run over the same output changes nothing). Returns the chunks, relative to distDir. */
export async function markStartupChunksForEagerCompile(distDir: string): Promise<string[]> {
  const named = new Set([...(await rootChunks(distDir)), ...(await pageEntryChunks(distDir))]);
  const files = [...named].filter((f) => /^static\/chunks\/[\w.-]+\.js$/.test(f)).sort();
  for (const file of files) {
    const chunkPath = path.join(distDir, file);
    const source = await readFile(chunkPath, "utf8");
    if (!source.startsWith(compileHint)) await writeFile(chunkPath, compileHint + source);
  }
  return files;
}
