// The build context as the docker CLI would send it: every uploaded file minus what .dockerignore excludes
// (Dockerfile and .dockerignore always go, as with the CLI), packed into an in-memory tar.
import ignore from "@balena/dockerignore";
import tar from "tar-stream";
import type { FileMap } from "@/grader/contract";

export interface BuildContext {
  tar: Buffer;
  /** Paths actually sent, sorted. */
  paths: string[];
  excluded: string[];
}

export function dockerignoreMatcher(files: FileMap): (path: string) => boolean {
  const rules = (files[".dockerignore"] ?? "").split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  const ig = ignore().add(rules);
  return (path) => ig.ignores(path);
}

export async function packContext(files: FileMap, dockerfile = "Dockerfile"): Promise<BuildContext> {
  const ignored = dockerignoreMatcher(files);
  const paths: string[] = [];
  const excluded: string[] = [];
  for (const path of Object.keys(files).sort()) {
    if (path !== dockerfile && path !== ".dockerignore" && ignored(path)) excluded.push(path);
    else paths.push(path);
  }
  const pack = tar.pack();
  // Fixed mtimes keep identical files identical to the builder's cache.
  const mtime = new Date(0);
  for (const path of paths) {
    const content = files[path] ?? "";
    pack.entry({ name: path, mode: /\.(sh|cgi)$/.test(path) || content.startsWith("#!") ? 0o755 : 0o644, mtime }, content);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
  return { tar: Buffer.concat(chunks), paths, excluded };
}
