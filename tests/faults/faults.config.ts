// `npm run test:faults`: the fault and load suite (tests/faults/*.fault.ts), apart from `npm test` because it
// restarts engines, databases and graders of its own and loads two cores for minutes. Files run one after the
// other; each appends its rows to the fault table, which report.ts prints and writes to docs/reliability.md.
// The base config is spread, not merged: vitest's mergeConfig concatenates `include`, which would run every
// unit test again here.
import { defineConfig } from "vitest/config";
import base from "../../vitest.config";

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/faults/**/*.fault.ts"],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 600_000,
    globalSetup: ["tests/faults/support/report.ts"],
  },
});
