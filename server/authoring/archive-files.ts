import "server-only";
// Course archives in and out: a .tar.gz or .zip upload read into a map of text files, and a map written as a
// .tar.gz. Nothing is ever written to disk, so an entry cannot land outside a folder whatever its name; names are
// still held to the upload rules (relative, no "..", no control characters, grader/contract/file-map-policy) so a
// bad archive is refused with the entry at fault, and links, devices and binary files are refused by name.
import { gunzipSync, gzipSync } from "node:zlib";
import { unzipSync } from "fflate";
import tar from "tar-stream";
import type { ArchiveIssue } from "@/lib/api/answers";
import { pathProblem } from "@/grader/contract/file-map-policy";
import { unstorableCharacter } from "@/grader/contract/file-text";
import { AppError } from "@/server/errors";
import { archiveLimits } from "./archive-limits";

export function archiveRefused(message: string, issues: ArchiveIssue[]): AppError {
  return new AppError("invalid_input", message, { details: { issues } });
}

const mib = (n: number) => `${Math.round(n / (1024 * 1024))} MiB`;

const tooBig = () =>
  archiveRefused("The archive is too large.", [{ file: "(archive)", message: `expands to more than ${mib(archiveLimits.expandedMaxBytes)} or ${archiveLimits.maxEntries} entries` }]);

/** "course/./lesson.md" and "./course/x" are how some tools write names; anything else is checked as it is. */
function entryName(raw: string): string {
  return raw.replace(/^(\.\/)+/, "").replace(/\/+$/, "");
}

function decodeText(name: string, bytes: Uint8Array, issues: ArchiveIssue[]): string | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    issues.push({ file: name, message: "is not UTF-8 text; a course holds text files only" });
    return null;
  }
  const bad = unstorableCharacter(text);
  if (bad) {
    issues.push({ file: name, line: text.slice(0, bad.index).split("\n").length, message: `contains ${bad.what}; a course holds text files only` });
    return null;
  }
  return text;
}

function addFile(files: Map<string, string>, issues: ArchiveIssue[], raw: string, bytes: Uint8Array): void {
  const name = entryName(raw);
  const problem = pathProblem(name);
  if (problem) return void issues.push({ file: raw, message: problem });
  if (files.has(name)) return void issues.push({ file: name, message: "appears twice in the archive" });
  const text = decodeText(name, bytes, issues);
  if (text !== null) files.set(name, text);
}

async function readTar(tarBytes: Buffer, files: Map<string, string>, issues: ArchiveIssue[]): Promise<void> {
  const extract = tar.extract();
  extract.end(tarBytes);
  let entries = 0;
  for await (const entry of extract) {
    if (++entries > archiveLimits.maxEntries) throw tooBig();
    const { name, type } = entry.header;
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    if (type === "directory") continue;
    if (type !== "file" && type !== "contiguous-file") {
      issues.push({ file: name, message: `is a ${type ?? "special entry"}; a course archive holds regular files and folders only` });
      continue;
    }
    addFile(files, issues, name, Buffer.concat(chunks));
  }
}

function readZip(bytes: Uint8Array, files: Map<string, string>, issues: ArchiveIssue[]): void {
  let entries = 0;
  let declared = 0;
  const inflated = unzipSync(bytes, {
    filter: (file) => {
      declared += file.originalSize;
      if (++entries > archiveLimits.maxEntries || declared > archiveLimits.expandedMaxBytes) throw tooBig();
      return !file.name.endsWith("/");
    },
  });
  for (const [name, data] of Object.entries(inflated)) addFile(files, issues, name, data);
}

/** The text files of an uploaded .tar.gz or .zip, by name; refuses (422, every entry at fault listed) what it cannot take. */
export async function readArchive(bytes: Uint8Array): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const issues: ArchiveIssue[] = [];
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    let tarBytes: Buffer;
    try {
      tarBytes = gunzipSync(bytes, { maxOutputLength: archiveLimits.expandedMaxBytes });
    } catch (error) {
      if (error instanceof RangeError) throw tooBig();
      throw archiveRefused("The archive is not a valid .tar.gz.", [{ file: "(archive)", message: "the gzip stream is damaged" }]);
    }
    try {
      await readTar(tarBytes, files, issues);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw archiveRefused("The archive is not a valid .tar.gz.", [{ file: "(archive)", message: "the tar inside is damaged" }]);
    }
  } else if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    try {
      readZip(bytes, files, issues);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw archiveRefused("The archive is not a valid .zip.", [{ file: "(archive)", message: "the zip is damaged" }]);
    }
  } else {
    throw archiveRefused("Send a .tar.gz or .zip archive.", [{ file: "(archive)", message: "neither gzip nor zip" }]);
  }
  if (issues.length) throw archiveRefused("The archive holds entries a course cannot.", issues);
  return files;
}

/** The files as a .tar.gz, in name order (so one course exports to the same bytes each time, but for gzip's header). */
export async function writeTarGz(files: ReadonlyMap<string, string>): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  const mtime = new Date(0);
  for (const [name, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) pack.entry({ name, mode: 0o644, mtime }, text);
  pack.finalize();
  await collected;
  return gzipSync(Buffer.concat(chunks));
}
