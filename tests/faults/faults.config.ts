// `npm run test:faults`: the fault and load suite (tests/faults/*.fault.ts), apart from `npm test` because it
// restarts engines, databases and graders of its own and loads two cores for minutes. Files run one after the
// other; each appends its rows to the fault table, which report.ts prints and writes to docs/reliability.md.
import { defineConfig, mergeConfig } from "vitest/config";
import base from "../../vitest.config";

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ["tests/faults/**/*.fault.ts"],
      fileParallelism: false,
      testTimeout: 300_000,
      hookTimeout: 600_000,
      globalSetup: ["tests/faults/support/report.ts"],
    },
  }),
);
