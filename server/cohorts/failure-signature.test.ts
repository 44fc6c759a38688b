import { describe, expect, it } from "vitest";
import { failureSignature, normalizeText } from "./failure-signature";

describe("failure signatures", () => {
  it("a failing build step with its exit code, whatever its line number", () => {
    const at = (index: number) =>
      failureSignature({
        id: "build",
        message: `Step ${index}/6 (RUN pip install -r requirements.txt) failed: The command '/bin/sh -c pip install -r requirements.txt' returned a non-zero code: 1`,
        evidence: { failedStep: { index, total: 6, instruction: "RUN  pip install -r requirements.txt", cached: false } },
      });
    expect(at(3)).toBe("RUN pip install -r requirements.txt → exit code 1");
    expect(at(5)).toBe(at(3));
  });

  it("the container's exit code, an out-of-memory kill, the probe's answer", () => {
    expect(failureSignature({ id: "starts", message: "The container exited with code 2 instead of staying up.", evidence: { exitCode: 2, oomKilled: false } })).toBe("exited with code 2");
    expect(failureSignature({ id: "starts", message: "killed", evidence: { exitCode: 137, oomKilled: true } })).toBe("killed: out of memory");
    expect(failureSignature({ id: "responds", message: "GET / answered, but ...", evidence: { got: { status: 404 } } })).toBe("answered HTTP 404");
    expect(failureSignature({ id: "responds", message: "m", evidence: { listening: [{ address: "127.0.0.1", port: 5000 }] } })).toBe("listens on another address or port");
  });

  it("any other check: its message with the run's own values taken out", () => {
    const greeting = (value: string) => failureSignature({ id: "env-greeting", message: `Run with GREETING=${value}, "msg" was "Hello". Read the variable when answering, not at build time.` });
    expect(greeting("x7f3a")).toBe(greeting("q9z1b"));
    expect(normalizeText("Line 4: unknown instruction 'RUNN' after 0.25 s, image 3f2a9c8b7d6e5f4a")).toBe("Line #: unknown instruction … after # s, image <id>");
  });
});
