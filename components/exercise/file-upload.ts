// Turns a picked folder or a .zip into the learner's file map, checked with the rules and limits the server and the
// grader apply (lib/grading/file-rules), so a bad upload is explained before anything is sent.
import { archiveTooLarge, fileSetProblems, tooManyBytes, tooManyFiles, type UploadLimits } from "@/lib/grading/file-rules";

export type UploadResult = { ok: true; files: Record<string, string> } | { ok: false; problems: string[] };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Drops the one folder every path starts with (a zip of "my-app/..." or a picked folder's own name). */
export function stripCommonFolder(paths: string[]): (path: string) => string {
  const first = paths[0]?.split("/")[0];
  const shared = first !== undefined && paths.length > 0 && paths.every((p) => p.startsWith(`${first}/`));
  return shared ? (p) => p.slice(first.length + 1) : (p) => p;
}

function finish(entries: [string, Uint8Array][], limits: UploadLimits): UploadResult {
  const problems: string[] = [];
  const strip = stripCommonFolder(entries.map(([p]) => p));
  const files: Record<string, string> = {};
  for (const [raw, bytes] of entries) {
    const path = strip(raw);
    try {
      files[path] = utf8.decode(bytes);
    } catch {
      problems.push(`"${path}" is not UTF-8 text; only text files can be graded.`);
    }
  }
  problems.push(...fileSetProblems(files, limits));
  return problems.length ? { ok: false, problems } : { ok: true, files };
}

const refused = (problem: string): UploadResult => ({ ok: false, problems: [problem] });

export async function readFolder(list: FileList, limits: UploadLimits): Promise<UploadResult> {
  const picked = Array.from(list);
  const total = picked.reduce((sum, f) => sum + f.size, 0);
  if (total > limits.uploadMaxBytes) return refused(tooManyBytes(total, limits));
  if (picked.length > limits.uploadMaxFiles) return refused(tooManyFiles(picked.length, limits));
  const entries = await Promise.all(picked.map(async (f): Promise<[string, Uint8Array]> => [f.webkitRelativePath || f.name, new Uint8Array(await f.arrayBuffer())]));
  return finish(entries, limits);
}

export async function readZip(file: File, limits: UploadLimits): Promise<UploadResult> {
  if (file.size > limits.uploadMaxBytes) return refused(archiveTooLarge("The zip", limits));
  let unzipped: Record<string, Uint8Array>;
  let expanded = 0;
  let count = 0;
  try {
    // Loaded when a zip is picked: its tables are built as it loads, work the exercise page need not do at start.
    const { unzipSync } = await import("fflate");
    unzipped = unzipSync(new Uint8Array(await file.arrayBuffer()), {
      // Refuses a zip bomb before it is inflated: sizes come from the archive's directory.
      filter: (entry) => {
        if (entry.name.endsWith("/")) return false;
        expanded += entry.originalSize;
        count++;
        if (expanded > limits.uploadMaxBytes || count > limits.uploadMaxFiles) throw new RangeError("too large");
        return true;
      },
    });
  } catch (error) {
    if (error instanceof RangeError) return refused(archiveTooLarge("The zip", limits));
    return refused(`"${file.name}" could not be read as a .zip archive.`);
  }
  return finish(Object.entries(unzipped), limits);
}
