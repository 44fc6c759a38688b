// instrumentation-client.ts configures the browser's zod without importing it (see there); this checks that a zod
// loaded afterwards runs jitless, i.e. never probes `new Function`, which the pages' CSP refuses and reports.
import { expect, it, vi } from "vitest";

it("a zod loaded after instrumentation-client.ts is jitless", async () => {
  delete (globalThis as { __zod_globalConfig?: unknown }).__zod_globalConfig;
  vi.resetModules();
  await import("@/instrumentation-client");
  const { z } = await import("zod");
  expect(z.config().jitless).toBe(true);
});
