import tar from "tar-stream";
import { describe, expect, it } from "vitest";
import { readTarUpload } from "./tar-upload";
import { checkFileMap, UploadRejected } from "./file-map-policy";

const limits = { uploadMaxBytes: 4096, uploadMaxFiles: 10 };

type Entry = { name: string; body?: string; type?: "file" | "symlink" | "link" | "character-device" | "directory"; linkname?: string };

async function makeTar(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    if (e.type && e.type !== "file") pack.entry({ name: e.name, type: e.type, linkname: e.linkname });
    else pack.entry({ name: e.name }, e.body ?? "");
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

const request = { name: "request.json", body: JSON.stringify({ spec: { slug: "x" } }) };

describe("readTarUpload", () => {
  it("reads request.json, files/ and baseline/", async () => {
    const up = await readTarUpload(
      await makeTar([request, { name: "files/Dockerfile", body: "FROM busybox\n" }, { name: "files/src/app.sh", body: "echo" }, { name: "baseline/Dockerfile", body: "FROM x" }]),
      limits,
    );
    expect(up.request).toEqual({ spec: { slug: "x" } });
    expect(up.files).toEqual({ Dockerfile: "FROM busybox\n", "src/app.sh": "echo" });
    expect(up.baselineFiles).toEqual({ Dockerfile: "FROM x" });
  });

  it.each<[string, Entry]>([
    ["a .. path", { name: "files/../../etc/passwd", body: "x" }],
    ["an absolute path", { name: "/files/etc/passwd", body: "x" }],
    ["a symlink", { name: "files/link", type: "symlink", linkname: "/etc/shadow" }],
    ["a hard link", { name: "files/hard", type: "link", linkname: "files/Dockerfile" }],
    ["a device", { name: "files/dev", type: "character-device" }],
    ["a stray top-level file", { name: "evil.sh", body: "x" }],
  ])("rejects %s as invalid", async (_, entry) => {
    const err = await readTarUpload(await makeTar([request, entry]), limits).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadRejected);
    expect((err as UploadRejected).kind).toBe("invalid");
  });

  it("stops at the expanded-size limit", async () => {
    const err = await readTarUpload(await makeTar([request, { name: "files/big", body: "x".repeat(20_000) }]), limits).catch((e: unknown) => e);
    expect((err as UploadRejected).kind).toBe("tooLarge");
    expect((err as UploadRejected).message).toBe("files/ in the tar expands to more than 4.0 KiB or 10 files, more than a grading accepts.");
  });

  it("needs request.json", async () => {
    await expect(readTarUpload(await makeTar([{ name: "files/Dockerfile", body: "FROM x" }]), limits)).rejects.toThrow(/request.json/);
  });
});

describe("the grader's door for the contract's file rules", () => {
  it("refuses with the contract's words and this grader's limits: 413 for size, 422 for a path", () => {
    const tooMany = (() => {
      try {
        checkFileMap({ a: "", b: "" }, { uploadMaxBytes: 4096, uploadMaxFiles: 1 }, "baseline");
      } catch (error) {
        return error;
      }
    })();
    expect(tooMany).toBeInstanceOf(UploadRejected);
    expect(tooMany).toMatchObject({ kind: "tooLarge", message: "baseline: The project has 2 files, more than the 1 a grading accepts." });
    expect(() => checkFileMap({ "a\u001bb": "" }, limits)).toThrow(/control character/);
  });

  it("refuses a control character in a tar entry's name", async () => {
    const err = await readTarUpload(await makeTar([request, { name: "files/evil\nname", body: "x" }]), limits).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "invalid", message: expect.stringMatching(/control character/) as string });
  });
});
