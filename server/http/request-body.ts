import "server-only";
// Reads a request body with a ceiling while it streams: a declared Content-Length over the limit is refused
// before a byte is read, and an undeclared (chunked) body is cut off at the first chunk past it, so an 80 MiB
// upload costs at most the limit in memory. JSON routes also insist on `application/json`: a `text/plain` body
// is what a cross-site form or a no-preflight fetch would send.
import { AppError } from "@/server/errors";

export interface BodyRule {
  maxBytes: number;
  /** Media types accepted (default application/json only). */
  types?: readonly string[];
  /** What to tell the sender when the body is too large (defaults to a generic sentence with the limit). */
  tooLarge?: string;
}

function tooLarge(rule: BodyRule): AppError {
  return new AppError("payload_too_large", rule.tooLarge ?? `The request body is larger than this route accepts (${Math.round(rule.maxBytes / 1024)} KiB).`);
}

export function assertContentType(request: Request, types: readonly string[] = ["application/json"]): void {
  const mediaType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (!mediaType || !types.includes(mediaType)) throw new AppError("unsupported_media_type", `Send the body as ${types.join(" or ")}.`);
}

/** The body's bytes, read with the rule's ceiling (an upload such as a course archive). */
export async function readBodyBytes(request: Request, rule: BodyRule): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= rule.maxBytes)) throw tooLarge(rule);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > rule.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(rule);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

export async function readBodyText(request: Request, rule: BodyRule): Promise<string> {
  const bytes = await readBodyBytes(request, rule);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request", "The request body is not valid UTF-8.");
  }
}

export async function readJsonBody(request: Request, rule: BodyRule): Promise<unknown> {
  assertContentType(request, rule.types);
  const text = await readBodyText(request, rule);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body must be JSON.");
  }
}
