// `npm run test:stack` (tests/deploy/compose-stack.stack.ts): apart from `npm test`'s vitest run, because it builds
// the stack's images and runs four services of its own for minutes; two cores cannot do that beside the other
// suites. CI runs it after `npm test`, whose first step made the lesson base images it copies into the stack.
import { defineConfig, mergeConfig } from "vitest/config";
import base from "../../vitest.config";

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ["tests/deploy/**/*.stack.ts"],
      fileParallelism: false,
      testTimeout: 600_000,
    },
  }),
);
