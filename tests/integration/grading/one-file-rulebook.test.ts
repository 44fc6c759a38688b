// The web/grader seam has one rulebook for a learner's files: what the browser says, what the web's API refuses and
// what the grader refuses are the same rule in the same words, with the limits the grader reports.
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readZip } from "@/components/exercise/file-upload";
import { narrowUploadLimits } from "@/grader/contract";
import { checkFileMap, UploadRejected } from "@/grader/upload/file-map-policy";
import { submissionFilesSchema } from "@/lib/grading/file-schemas";

function graderRefusal(files: Record<string, string>, limits: Parameters<typeof checkFileMap>[1]): string | null {
  try {
    checkFileMap(files, limits);
    return null;
  } catch (error) {
    if (error instanceof UploadRejected) return error.message;
    throw error;
  }
}

// A grader whose operator lowered its limits below the shared default, as its /healthz would report them.
const reported = { uploadMaxBytes: 512, uploadMaxFiles: 3 };
const limits = narrowUploadLimits(reported);

const cases: [string, Record<string, string>][] = [
  ["a .. path", { Dockerfile: "FROM busybox\n", "../escape": "x" }],
  ["a control character in a name", { Dockerfile: "FROM busybox\n", "bad\nname": "x" }],
  ["a backslash", { Dockerfile: "FROM busybox\n", "src\\app.py": "x" }],
  ["a NUL in the text", { Dockerfile: "FROM busybox\n\u0000" }],
  ["a file that is also a folder", { Dockerfile: "FROM busybox\n", src: "", "src/app.py": "" }],
  ["more files than the grader takes", { Dockerfile: "FROM busybox\n", a: "", b: "", c: "" }],
  ["more bytes than the grader takes", { Dockerfile: `FROM busybox\n${"#".repeat(512)}` }],
];

describe("one rulebook for a learner's files", () => {
  it.each(cases)("web API and grader refuse %s with the same words", (_, files) => {
    const grader = graderRefusal(files, reported);
    expect(grader).not.toBeNull();
    const web = submissionFilesSchema(() => limits).safeParse(files);
    expect(web.error?.issues[0]?.message).toBe(grader);
  });

  it("the browser says it before anything is sent", async () => {
    const zip = new File([new Uint8Array(zipSync({ Dockerfile: strToU8("FROM busybox\n"), "src\\app.py": strToU8("x") }))], "project.zip");
    const browser = await readZip(zip, limits);
    expect(browser).toEqual({ ok: false, problems: [graderRefusal({ Dockerfile: "FROM busybox\n", "src\\app.py": "x" }, reported)] });
  });

  it("what passes on the web passes on the grader", () => {
    const files = { Dockerfile: "FROM busybox\n", "src/app.py": "print(1)\n" };
    expect(submissionFilesSchema(() => limits).safeParse(files).success).toBe(true);
    expect(graderRefusal(files, reported)).toBeNull();
  });
});
