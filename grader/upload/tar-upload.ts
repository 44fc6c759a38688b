// The tar door of POST /v1/gradings (Content-Type: application/x-tar). Layout of the archive:
//   request.json        { "spec": {...}, "submissionId"?: "..." }   (the JSON body minus the file maps)
//   files/<path>        the learner's files
//   baseline/<path>     optional: the starter, for image-size-smaller
// Links, devices, absolute paths and ".." are rejected before a byte reaches the engine; the expanded size is
// counted while reading, so a tar bomb stops at the limit instead of filling memory.
import { Readable } from "node:stream";
import tar from "tar-stream";
import { archiveTooLarge, type FileMap, type UploadLimits } from "@/grader/contract";
import { assertSafePath, UploadRejected } from "./file-map-policy";

export interface TarUpload {
  request: unknown;
  files: FileMap;
  baselineFiles?: FileMap;
}

const requestJsonMaxBytes = 256 * 1024;

export async function readTarUpload(body: Buffer, limits: UploadLimits): Promise<TarUpload> {
  const extract = tar.extract();
  const files: FileMap = {};
  const baseline: FileMap = {};
  let request: string | undefined;
  const expanded = { files: 0, baseline: 0, request: 0 };
  let count = 0;

  const done = new Promise<void>((resolve, reject) => {
    extract.on("entry", (header, stream, next) => {
      const fail = (err: Error) => {
        stream.resume();
        reject(err);
        extract.destroy();
      };
      const name = header.name.replace(/^\.\//, "");
      if (header.type === "directory") {
        stream.resume();
        stream.on("end", next);
        return;
      }
      if (header.type !== "file") {
        fail(new UploadRejected("invalid", `"${name}" is a ${header.type}; only regular files are accepted (no links or devices)`));
        return;
      }
      try {
        assertSafePath(name);
      } catch (err) {
        fail(err as Error);
        return;
      }
      const [top, ...rest] = name.split("/");
      const target = top === "files" ? files : top === "baseline" ? baseline : undefined;
      if (name !== "request.json" && (!target || rest.length === 0)) {
        fail(new UploadRejected("invalid", `unexpected "${name}" in the tar; expected request.json, files/… and baseline/…`));
        return;
      }
      count += 1;
      if (count > limits.uploadMaxFiles * 2 + 1) {
        fail(new UploadRejected("tooLarge", archiveTooLarge("The tar", limits)));
        return;
      }
      const part = top === "files" ? "files" : top === "baseline" ? "baseline" : "request";
      const cap = part === "request" ? requestJsonMaxBytes : limits.uploadMaxBytes;
      const chunks: Buffer[] = [];
      stream.on("data", (data: unknown) => {
        const chunk = data as Buffer;
        expanded[part] += chunk.length;
        if (expanded[part] > cap) {
          fail(new UploadRejected("tooLarge", part === "request" ? `request.json expands to more than ${cap} bytes` : archiveTooLarge(`${part}/ in the tar`, limits)));
          return;
        }
        chunks.push(chunk);
      });
      stream.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        if (name === "request.json") request = text;
        else if (target) target[rest.join("/")] = text;
        next();
      });
    });
    extract.on("finish", resolve);
    extract.on("error", (err: Error) => reject(err instanceof UploadRejected ? err : new UploadRejected("invalid", `not a readable tar: ${err.message}`)));
  });
  Readable.from([body]).pipe(extract);
  await done;

  if (request === undefined) throw new UploadRejected("invalid", "the tar has no request.json with the exercise spec");
  let parsed: unknown;
  try {
    parsed = JSON.parse(request);
  } catch {
    throw new UploadRejected("invalid", "request.json is not valid JSON");
  }
  return { request: parsed, files, ...(Object.keys(baseline).length > 0 ? { baselineFiles: baseline } : {}) };
}
