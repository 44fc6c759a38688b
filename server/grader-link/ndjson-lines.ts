// Splits a byte stream into lines as they arrive, so each grader event is handled the moment its line is complete
// (a build can stream for minutes; waiting for the body to end would defeat the live view).
export async function* ndjsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = "";
  for await (const chunk of body) {
    pending += decoder.decode(chunk, { stream: true });
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
