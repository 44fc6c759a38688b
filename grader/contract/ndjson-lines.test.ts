import { describe, expect, it } from "vitest";
import { ndjsonLines } from "./ndjson-lines";

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect(chunks: string[]): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of ndjsonLines(streamOf(chunks))) lines.push(line);
  return lines;
}

describe("ndjsonLines", () => {
  it("joins lines split across chunks and skips blank ones", async () => {
    expect(await collect(['{"a":', '1}\n\n{"b"', ":2}\n"])).toEqual(['{"a":1}', '{"b":2}']);
  });

  it("keeps a last line that has no newline", async () => {
    expect(await collect(['{"a":1}\n{"b":2}'])).toEqual(['{"a":1}', '{"b":2}']);
  });

  it("decodes a multi-byte character split between chunks", async () => {
    const bytes = new TextEncoder().encode('{"t":"é"}\n');
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, 7));
        c.enqueue(bytes.slice(7));
        c.close();
      },
    });
    const lines: string[] = [];
    for await (const line of ndjsonLines(stream)) lines.push(line);
    expect(lines).toEqual(['{"t":"é"}']);
  });
});

it("reads string chunks and byte chunks alike (a Node stream yields either)", async () => {
  async function* arriving(parts: (Uint8Array | string)[]) {
    for (const part of parts) yield await Promise.resolve(part);
  }
  const bytes = (text: string) => new TextEncoder().encode(text);
  const lines: string[] = [];
  for await (const line of ndjsonLines(arriving([bytes('{"stream":"Step 1/2"}\n{"str'), 'eam":"ok"}\n', bytes("\n")]))) lines.push(line);
  expect(lines).toEqual(['{"stream":"Step 1/2"}', '{"stream":"ok"}']);
});
