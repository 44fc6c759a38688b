import { describe, expect, it } from "vitest";
import { zipSync, strToU8 } from "fflate";
import { defaultUploadLimits } from "@/lib/grading/file-rules";
import { readZip, stripCommonFolder } from "./file-upload";

const zipFile = (entries: Record<string, Uint8Array>) => new File([new Uint8Array(zipSync(entries))], "upload.zip");

describe("uploads", () => {
  it("strips the folder every path shares", () => {
    const strip = stripCommonFolder(["app/Dockerfile", "app/src/main.py"]);
    expect(strip("app/src/main.py")).toBe("src/main.py");
    expect(stripCommonFolder(["Dockerfile", "app/x"])("app/x")).toBe("app/x");
  });

  it("reads a zip into text files", async () => {
    const result = await readZip(zipFile({ "svc/Dockerfile": strToU8("FROM busybox\n"), "svc/app.py": strToU8("print(1)\n") }), defaultUploadLimits);
    expect(result).toEqual({ ok: true, files: { Dockerfile: "FROM busybox\n", "app.py": "print(1)\n" } });
  });

  it("refuses path traversal and binary files with the reason", async () => {
    const result = await readZip(zipFile({ "../evil": strToU8("x"), "img.bin": new Uint8Array([0xff, 0xfe, 0x00]) }), defaultUploadLimits);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join(" ")).toContain("outside the project folder");
    expect(result.problems.join(" ")).toContain("not UTF-8");
  });

  it("refuses a zip that expands past the limit before inflating it", async () => {
    const result = await readZip(zipFile({ "big.txt": new Uint8Array(6 * 1024 * 1024).fill(97) }), defaultUploadLimits);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toContain("expands to more than");
  });
});
