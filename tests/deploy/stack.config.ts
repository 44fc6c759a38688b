// `npm run test:stack` (tests/deploy/compose-stack.stack.ts): apart from `npm test`'s vitest run, because it builds
// the stack's images and runs four services of its own for minutes; two cores cannot do that beside the other
// suites. CI runs it after `npm test`, whose first step made the lesson base images it copies into the stack.
import { defineConfig } from "vitest/config";
import base from "../../vitest.config";

export default defineConfig({
  resolve: base.resolve,
  test: {
    // Not merged with the base config: mergeConfig would add this to its include list, i.e. run every suite.
    include: ["tests/deploy/**/*.stack.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 1_500_000,
  },
});
