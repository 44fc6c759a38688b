// docs/DESIGN.md §2 is enforced by the project's own ESLint config (eslint.config.mjs, `boundaries/dependencies`):
// this lints imports that cross it, and imports it allows, as if they were written in files of each folder. Both
// lists matter: without the rule every crossing below goes unreported, and a rule that refused too much would show
// up on the allowed ones. The picture in §2 is checked against the same rule, pair by pair, so the two cannot drift.
// The code is linted in memory only; no file is written into the tree.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const rule = "boundaries/dependencies";

const eslint = new ESLint({
  cwd: root,
  // Only the boundary rule runs, so the type-aware rules' program (the slow part of `npm run lint`) is not needed.
  ruleFilter: ({ ruleId }) => ruleId === rule,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});

async function reports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(root, file) });
  if (!result) throw new Error(`ESLint returned nothing for ${file}`);
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${file} did not parse: ${fatal.message}`);
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

// [file the import is written in, the import]
const crossings: [string, string][] = [
  ["components/ui/probe.tsx", 'import { db } from "@/server/db";'],
  ["components/ui/probe.tsx", 'import { db } from "../../server/db";'],
  ["components/ui/probe.tsx", 'import type { Actor } from "@/server/authz";'],
  ["lib/grading/probe.ts", 'import { AppError } from "@/server/errors";'],
  ["lib/grading/probe.ts", 'import { GraderClient } from "../../server/grader-link/grader-client";'],
  ["grader/checks/probe.ts", 'import { toStorable } from "@/lib/grading/storable";'],
  ["grader/checks/probe.ts", 'import { db } from "../../server/db";'],
  ["grader/contract/probe.ts", 'import fs from "node:fs";'],
  ["grader/contract/probe.ts", 'import { readFile } from "fs/promises";'],
  ["grader/contract/probe.ts", 'import { connectDocker } from "../sandbox/docker-client";'],
  ["grader/contract/probe.ts", 'import { loadConfig } from "@/grader/config";'],
  ["server/authz/probe.ts", 'import { progressOverview } from "@/server/progress/summary";'],
  ["server/authz/probe.ts", 'import { route } from "../http/route";'],
  ["server/http/probe.ts", 'import { courseBySlug } from "@/server/lessons/courses";'],
  ["server/errors/probe.ts", 'import { Dispatcher } from "@/server/grader-link/dispatcher";'],
  ["server/grader-link/probe.ts", 'import { submitForGrading } from "@/server/grading/use-cases";'],
  ["server/submissions/probe.ts", 'import { submitForGrading } from "../grading/use-cases";'],
  ["server/lessons/probe.ts", 'import { Grader } from "@/grader/grading/grader";'],
  ["server/lessons/probe.ts", 'import Docker from "dockerode";'],
  ["app/probe/page.tsx", 'import { connectDocker } from "@/grader/sandbox/docker-client";'],
  ["app/probe/page.tsx", 'export { applyMigrations } from "@/prisma/migrate";'],
  ["app/probe/page.tsx", 'const sandbox = await import("@/grader/sandbox/docker-client");'],
  ["proxy.ts", 'import { Grader } from "./grader/grading/grader";'],
  ["prisma/probe.ts", 'import { parseWebEnv } from "../server/env";'],
  ["scripts/probe.ts", 'import { Grader } from "../grader/grading/grader";'],
  // An import that resolves to nothing is refused rather than taken for a package.
  ["components/ui/probe.tsx", 'import { nothing } from "@/server/no-such-module";'],
];

const allowed: [string, string][] = [
  ["app/probe/page.tsx", 'import { db } from "@/server/db";'],
  ["app/probe/page.tsx", 'import { SiteHeader } from "@/components/site-header";'],
  ["app/probe/page.tsx", 'import { notFound } from "next/navigation";'],
  ["components/ui/probe.tsx", 'import { toStorable } from "@/lib/grading/storable";'],
  ["components/ui/probe.tsx", 'import { useState } from "react";'],
  ["lib/grading/probe.ts", 'import { gradingEventSchema } from "@/grader/contract";'],
  ["server/lessons/probe.ts", 'import { PrismaClient } from "@/generated/prisma/client";'],
  ["server/lessons/probe.ts", 'import { verdictSchema } from "@/grader/contract/verdict";'],
  ["server/lessons/probe.ts", 'import { progressOverview } from "../progress/summary";'],
  ["server/grading/probe.ts", 'import { Dispatcher } from "@/server/grader-link/dispatcher";'],
  ["server/http/probe.ts", 'import { hasPermission } from "@/server/authz";'],
  ["server/authz/probe.ts", 'import { AppError } from "@/server/errors";'],
  ["grader/checks/probe.ts", 'import { connectDocker } from "../sandbox/docker-client";'],
  ["grader/checks/probe.ts", 'import { verdictSchema } from "@/grader/contract";'],
  ["grader/sandbox/probe.ts", 'import Docker from "dockerode";'],
  ["grader/contract/probe.ts", 'import { z } from "zod";'],
  ["grader/contract/probe.ts", 'import { exerciseSpecSchema } from "./exercise-spec";'],
  ["proxy.ts", 'import { contentSecurityPolicy } from "@/server/http/content-security";'],
  ["scripts/probe.ts", 'import { applyMigrations } from "../prisma/migrate";'],
  ["scripts/probe.ts", 'import { loadAllContent } from "../server/content/load";'],
  ["tests/probe.ts", 'import { connectDocker } from "@/grader/sandbox/docker-client";'],
  ["bench/probe.ts", 'import { db } from "@/server/db";'],
  ["server/progress/probe.test.ts", 'import { createTestDb } from "@/tests/support/test-db";'],
  ["vitest.config.ts", 'import { db } from "./server/db";'],
];

describe("docs/DESIGN.md §2 in the linter", () => {
  it.each(crossings)("%s: %s is reported", async (file, code) => {
    const found = await reports(file, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${rule}: .*DESIGN\\.md §[12]`));
  });

  it.each(allowed)("%s: %s passes", async (file, code) => {
    expect(await reports(file, code)).toEqual([]);
  });
});

// Each part of the picture: a file an import can be written in (none for the generated client, which ESLint skips)
// and a module of the part to import.
const pictured: Record<string, { file?: string; module: string }> = {
  app: { file: "app/probe/page.tsx", module: "@/app/layout" },
  scripts: { file: "scripts/probe.ts", module: "@/scripts/seed-overlap" },
  components: { file: "components/ui/probe.tsx", module: "@/components/site-header" },
  server: { file: "server/lessons/probe.ts", module: "@/server/db" },
  lib: { file: "lib/quiz/probe.ts", module: "@/lib/quiz/score" },
  prisma: { file: "prisma/probe.ts", module: "@/prisma/migrate" },
  client: { module: "@/generated/prisma/client" },
  contract: { file: "grader/contract/probe.ts", module: "@/grader/contract/verdict" },
  grader: { file: "grader/checks/probe.ts", module: "@/grader/sandbox/docker-client" },
};

/** The arrows of §2's picture (`a --> b & c`), as "a->b". */
function picturedArrows(): Set<string> {
  const design = readFileSync(path.join(root, "docs/DESIGN.md"), "utf8");
  const section = design.slice(design.indexOf("## 2."), design.indexOf("## 3."));
  const picture = /```mermaid\n([\s\S]*?)```/.exec(section)?.[1];
  if (!picture) throw new Error("docs/DESIGN.md §2 has no mermaid picture");
  const arrows = new Set<string>();
  for (const [, from = "", to = ""] of picture.matchAll(/^\s*(\w+)\s*-->\s*(.+)$/gm)) {
    for (const target of to.split("&")) arrows.add(`${from}->${target.trim()}`);
  }
  return arrows;
}

describe("the picture in docs/DESIGN.md §2", () => {
  const arrows = picturedArrows();
  const pairs = Object.entries(pictured).flatMap(([from, { file }]) =>
    file ? Object.entries(pictured).filter(([to]) => to !== from).map(([to, { module }]) => [from, to, file, module] as const) : [],
  );

  it("names only parts this test knows", () => {
    const known = new Set(Object.keys(pictured));
    expect([...arrows].flatMap((arrow) => arrow.split("->")).filter((part) => !known.has(part))).toEqual([]);
  });

  it.each(pairs)("%s -> %s: allowed exactly when drawn", async (from, to, file, module) => {
    const found = await reports(file, `import * as part from "${module}";`);
    expect(found.length === 0).toBe(arrows.has(`${from}->${to}`));
  });
});
