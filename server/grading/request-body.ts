import "server-only";
// Reads a JSON body with a ceiling, so an oversized upload is refused with a message instead of being buffered.
import { fileLimits, formatBytes } from "@/lib/grading/file-rules";
import { AppError } from "@/server/errors";

// The files' own limit plus room for JSON escaping (quotes, newlines) and the envelope.
const maxBodyBytes = Math.ceil(fileLimits.maxTotalBytes * 1.5) + 64 * 1024;

export async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () =>
    new AppError("payload_too_large", `The upload is larger than a grading accepts (${formatBytes(fileLimits.maxTotalBytes)} of files). Remove build outputs, dependencies or logs.`);
  if (declared > maxBodyBytes) throw tooLarge();
  const text = await request.text();
  if (text.length > maxBodyBytes) throw tooLarge();
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body must be JSON.");
  }
}
