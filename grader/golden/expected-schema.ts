// expected.yaml beside each exercise, read from disk for the golden suite (its schema is the contract's,
// grader/contract/exercise-cases.ts, which the web's editor and proving run use too).
import fs from "node:fs/promises";
import path from "node:path";
import { parseExpected, type Expected } from "@/grader/contract/exercise-cases";

export type { Expected, ExpectedOutcome } from "@/grader/contract/exercise-cases";

export async function readExpected(exerciseDir: string): Promise<Expected> {
  const file = path.join(exerciseDir, "expected.yaml");
  return parseExpected(await fs.readFile(file, "utf8"), file);
}

/** Every exercise folder the golden suite walks: the courses in content/ and the grader's own fixtures. */
export async function exerciseDirs(roots: string[]): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > 5) return;
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      const sub = path.join(dir, e.name);
      if (path.basename(dir) === "exercises" && (await fs.stat(path.join(sub, "exercise.yaml")).catch(() => null))) found.push(sub);
      else await walk(sub, depth + 1);
    }
  };
  for (const root of roots) await walk(root, 0);
  return found.sort();
}
