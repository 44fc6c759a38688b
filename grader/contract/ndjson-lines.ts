// Splits a byte stream into lines as they arrive, so each line of NDJSON is handled the moment it is complete (a
// build can stream for minutes; waiting for the body to end would defeat the live view). One splitter for both
// NDJSON streams of a grading: the engine's build output read by the grader, and the grader's events read by the
// web. Blank lines are skipped (the grader's keep-alive). Takes any async iterable of chunks — a web
// ReadableStream or a Node stream — and decodes UTF-8 across chunk boundaries; an async generator of a few lines
// rather than split2/ndjson, which are Node Transform streams and would not run on a web stream without adapters.
export async function* ndjsonLines(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = "";
  for await (const chunk of body) {
    pending += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf("\n");
    while (newline !== -1) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line) yield line;
      newline = pending.indexOf("\n");
    }
  }
  const rest = (pending + decoder.decode()).trim();
  if (rest) yield rest;
}
