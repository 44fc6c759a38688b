// The README's "Web limits" table is the code's limitTable (with the default env), so the documented limits
// cannot drift from the enforced ones.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

it("README lists every web limit as server/http/limits.ts defines it", async () => {
  for (const name of ["GRADING_RATE_LIMIT", "GRADING_RATE_WINDOW_SECONDS", "TRUSTED_PROXY_HOPS"]) delete process.env[name];
  const { limitTableMarkdown } = await import("@/server/http/limits");
  expect(readFileSync("README.md", "utf8")).toContain(limitTableMarkdown());
});
