// Validates every file under content/ with the same loader the start script uses, then looks for text shared
// with the source lesson the first course was written from; exits 1 naming file and field, or file and line.
import fs from "node:fs/promises";
import path from "node:path";
import { loadAllContent } from "../server/content/load";
import { ContentError } from "../server/content/content-error";
import { codeLines, findSeedOverlaps, proseWords } from "./seed-overlap";

/** The source lesson, beside the project in the team's shared folder. */
const seedFile = path.resolve("../shared/seed/containers-lesson.txt");

async function main(): Promise<number> {
  const courses = await loadAllContent(path.resolve("content")).catch((err: unknown) => {
    console.error(err instanceof ContentError ? `content error in ${err.message}` : err);
    return null;
  });
  if (!courses) return 1;
  const lessons = courses.reduce((n, c) => n + c.lessons.length, 0);
  const exercises = courses.reduce((n, c) => n + c.lessons.reduce((m, l) => m + l.exercises.length, 0), 0);
  console.log(`content ok: ${courses.length} course(s), ${lessons} lesson(s), ${exercises} exercise(s)`);

  const seed = await fs.readFile(seedFile, "utf8").catch(() => null);
  // Fail closed: a check that silently did not run would read as "no overlap".
  if (seed === null) {
    console.error(`seed overlap: cannot read ${seedFile}`);
    return 1;
  }
  const overlaps = await findSeedOverlaps(path.resolve("content"), seed);
  for (const o of overlaps) console.error(`${o.file}:${o.line}: ${o.rule} shared with the seed: "${o.text}"`);
  if (overlaps.length > 0) {
    console.error(`seed overlap: ${overlaps.length} place(s) share ${proseWords}+ words of a sentence or ${codeLines}+ lines of code with the seed; write them in our own words`);
    return 1;
  }
  console.log("seed overlap: none");
  return 0;
}

process.exitCode = await main();
