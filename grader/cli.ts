// `npm run grade -- <exercise-slug|exercise-folder> <dir>`: grades the files in <dir> on the local engine.
// Human progress goes to stderr, the verdict JSON to stdout. Exit 0 pass, 1 fail, 2 error: a learner's failing
// Dockerfile is a successful grading (1), never an error (2).
import { readExerciseFolder, readFileTree } from "@/grader/files-on-disk";
import type { GradingEvent } from "@/grader/contract";
import { loadConfig } from "./config";
import { findExerciseDir } from "./exercise-lookup";
import { Grader } from "./grading/grader";
import { createLogger } from "./logger";

const mark = { pass: "✓", fail: "✗", skip: "-", error: "!" } as const;

function progress(event: GradingEvent): void {
  const out = (line: string) => process.stderr.write(`${line}\n`);
  switch (event.type) {
    case "queued":
      if (event.position > 0) out(`queued at position ${event.position}`);
      break;
    case "step":
      out(event.progress ? `  build ${event.progress.current}/${event.progress.total}: ${event.progress.label}` : `» ${event.name}`);
      break;
    case "log":
      if (/error|failed|returned a non-zero/i.test(event.text)) out(`    ${event.text.trimEnd()}`);
      break;
    case "check": {
      const c = event.check;
      out(`${mark[c.status]} ${c.id}${c.required ? "" : " (tip)"}: ${c.message}`);
      if (c.hint && c.status !== "pass") out(`    hint: ${c.hint}`);
      break;
    }
    case "verdict":
      out(`${event.verdict.status.toUpperCase()} score ${event.verdict.score.toFixed(2)} in ${(event.verdict.timings.totalMs / 1000).toFixed(1)} s`);
      break;
  }
}

async function main(argv: string[]): Promise<number> {
  const [exercise, dir] = argv;
  if (!exercise || !dir) {
    process.stderr.write("usage: npm run grade -- <exercise-slug|exercise-folder> <dir-with-your-files>\n");
    return 2;
  }
  const config = loadConfig({ requireToken: false });
  const folder = await readExerciseFolder(await findExerciseDir(exercise));
  const files = await readFileTree(dir);
  const grader = await Grader.start(config, createLogger(config.logLevel === "info" ? "warn" : config.logLevel, "stderr"), { sweep: false });
  const input = grader.prepare({ spec: folder.spec, files, baselineFiles: folder.starter });
  const never = new AbortController();
  // Waits inside a grading can rest on nothing but unref'd timers (AbortSignal.timeout is unref'd by design) and
  // an idle probe socket; in the server the listening socket keeps Node alive, here this interval does, so the
  // CLI cannot exit 0 in the middle of a grading with no verdict and its container left behind.
  const keepAlive = setInterval(() => undefined, 60_000);
  const verdict = await grader.run(grader.admit(never.signal), input, { signal: never.signal, emit: progress }).finally(() => clearInterval(keepAlive));
  process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
  return verdict.status === "pass" ? 0 : verdict.status === "fail" ? 1 : 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`grade: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
