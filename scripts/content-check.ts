// Validates every file under content/ with the same loader the start script uses, then looks for text shared
// with the source lesson the first course was written from; exits 1 naming file and field, or file and line.
// `--write-fingerprint` refreshes scripts/seed-fingerprint.json from the seed.
import fs from "node:fs/promises";
import path from "node:path";
import { loadAllContent } from "../server/content/load";
import { ContentError } from "../server/content/content-error";
import { codeLines, findSeedOverlaps, proseWords, SeedIndex, type SeedFingerprint } from "./seed-overlap";

/** The source lesson, beside the project in the team's shared folder; a clean clone elsewhere has only its fingerprint. */
const seedFile = path.resolve("../shared/seed/containers-lesson.txt");
const fingerprintFile = path.resolve("scripts/seed-fingerprint.json");

/**
 * The seed's index: from the seed itself where it is beside the project (and then the committed fingerprint must
 * agree with it, so a changed seed cannot leave the clean-clone check stale), else from the fingerprint.
 */
async function seedIndex(write: boolean): Promise<SeedIndex | string> {
  const seed = await fs.readFile(seedFile, "utf8").catch(() => null);
  const committed = await fs.readFile(fingerprintFile, "utf8").catch(() => null);
  if (seed === null) {
    if (committed === null) return `cannot read ${seedFile} nor ${fingerprintFile}`;
    return SeedIndex.fromFingerprint(JSON.parse(committed) as SeedFingerprint);
  }
  const index = SeedIndex.fromSeed(seed);
  const fresh = `${JSON.stringify(index.fingerprint())}\n`;
  if (write) await fs.writeFile(fingerprintFile, fresh);
  else if (committed !== fresh) return `${fingerprintFile} does not match ${seedFile}: run \`npm run content:check -- --write-fingerprint\``;
  return index;
}

async function main(): Promise<number> {
  const courses = await loadAllContent(path.resolve("content")).catch((err: unknown) => {
    console.error(err instanceof ContentError ? `content error in ${err.message}` : err);
    return null;
  });
  if (!courses) return 1;
  const lessons = courses.reduce((n, c) => n + c.lessons.length, 0);
  const exercises = courses.reduce((n, c) => n + c.lessons.reduce((m, l) => m + l.exercises.length, 0), 0);
  console.log(`content ok: ${courses.length} course(s), ${lessons} lesson(s), ${exercises} exercise(s)`);

  const index = await seedIndex(process.argv.includes("--write-fingerprint"));
  // Fail closed: a check that silently did not run would read as "no overlap".
  if (typeof index === "string") {
    console.error(`seed overlap: ${index}`);
    return 1;
  }
  const overlaps = await findSeedOverlaps(path.resolve("content"), index);
  for (const o of overlaps) console.error(`${o.file}:${o.line}: ${o.rule} shared with the seed: "${o.text}"`);
  if (overlaps.length > 0) {
    console.error(`seed overlap: ${overlaps.length} place(s) share ${proseWords}+ words of a sentence or ${codeLines}+ lines of code with the seed; write them in our own words`);
    return 1;
  }
  console.log("seed overlap: none");
  return 0;
}

process.exitCode = await main();
