// The compile hint against a build output laid out the way Next 16 writes it (build manifest, client reference
// manifests beside the server pages, chunks under static/chunks). That the hook runs in a real build and the browser
// receives the marked chunks is checked by tests/e2e/reading.spec.ts on the production build.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { compileHint, markStartupChunksForEagerCompile } from "./startup-compile-hints";

let root: string;
let dist: string;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
  writeFileSync(path.join(dist, file), text);
}

const chunk = (name: string) => `(globalThis.TURBOPACK||(globalThis.TURBOPACK=[])).push([${JSON.stringify(name)}]);`;
const read = (file: string) => readFileSync(path.join(dist, file), "utf8");

function clientManifest(page: string, entryJSFiles: Record<string, string[]>): string {
  return `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST[${JSON.stringify(page)}] = ${JSON.stringify({ clientModules: {}, entryJSFiles })};`;
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "compile-hints-"));
  dist = path.join(root, "dist");
  write("build-manifest.json", JSON.stringify({ polyfillFiles: ["static/chunks/polyfill.js"], rootMainFiles: ["static/chunks/react.js", "static/chunks/runtime.js"] }));
  write("server/app/learn/page_client-reference-manifest.js", clientManifest("/learn/page", { "[project]/app/layout": ["static/chunks/layout.js"], "[project]/app/learn/page": ["static/chunks/layout.js", "static/chunks/learn.js"] }));
  write("server/app/admin/[slug]/page_client-reference-manifest.js", clientManifest("/admin/[slug]/page", { "[project]/app/admin/[slug]/page": ["static/chunks/admin.js", "static/chunks/admin.css"] }));
  for (const name of ["react", "runtime", "layout", "learn", "admin", "editor", "polyfill"]) write(`static/chunks/${name}.js`, chunk(name));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

it("marks the root chunks and every page's and layout's entry chunks, and nothing loaded on demand", async () => {
  const marked = await markStartupChunksForEagerCompile(dist);
  expect(marked).toEqual(["admin", "layout", "learn", "react", "runtime"].map((n) => `static/chunks/${n}.js`));
  for (const name of ["react", "runtime", "layout", "learn", "admin"]) expect(read(`static/chunks/${name}.js`)).toBe(compileHint + chunk(name));
  // The editor is only imported on demand; the nomodule polyfills never run where the hint is read.
  expect(read("static/chunks/editor.js")).toBe(chunk("editor"));
  expect(read("static/chunks/polyfill.js")).toBe(chunk("polyfill"));
});

it("a second run over the same output changes nothing", async () => {
  await markStartupChunksForEagerCompile(dist);
  await markStartupChunksForEagerCompile(dist);
  expect(read("static/chunks/react.js")).toBe(compileHint + chunk("react"));
});

it("a build output it does not recognise stops the build with where to look", async () => {
  write("build-manifest.json", JSON.stringify({ pages: {} }));
  await expect(markStartupChunksForEagerCompile(dist)).rejects.toThrow(/rootMainFiles.*startup-compile-hints\.ts/);
  write("build-manifest.json", JSON.stringify({ rootMainFiles: ["static/chunks/react.js"] }));
  write("server/app/learn/page_client-reference-manifest.js", `globalThis.__RSC_MANIFEST = {"/learn/page": {"clientModules": {}}};`);
  await expect(markStartupChunksForEagerCompile(dist)).rejects.toThrow(/no entryJSFiles/);
  expect(read("static/chunks/react.js")).toBe(chunk("react"));
});

it("a name that leaves the chunk folder is not written to", async () => {
  write("build-manifest.json", JSON.stringify({ rootMainFiles: ["static/chunks/react.js", "../outside.js"] }));
  writeFileSync(path.join(root, "outside.js"), "outside");
  await markStartupChunksForEagerCompile(dist);
  expect(readFileSync(path.join(root, "outside.js"), "utf8")).toBe("outside");
});
