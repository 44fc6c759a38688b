// A grader for tests: real engine, the env's config with the test's overrides, its own name so parallel test
// files never sweep or trim each other's containers and images.
import pino, { type Logger } from "pino";
import type { ExerciseSpec, FileMap, GradingEvent, Verdict } from "@/grader/contract";
import { parseConfig, settingTable, type GraderConfig, type GraderLimits } from "@/grader/config";
import { Grader } from "@/grader/grading/grader";
import { loadConfig } from "@/grader/config";
import { testBaseImages } from "./test-base-image";

/** `settings.dockerHost`: a relay in front of the engine (engine-relay.ts); `log`: to read what the grader warns of. */
export async function startTestGrader(
  name: string,
  limits: Partial<GraderLimits> = {},
  settings: Partial<Pick<GraderConfig, "probeVia" | "offeredImages" | "dockerHost">> = {},
  log: Logger = pino({ level: "warn" }),
): Promise<Grader> {
  const env = loadConfig({ requireToken: false });
  // The tests' own busybox image is offered beside the lessons' images.
  const offered = [settingTable.offeredImages.default, ...testBaseImages].join(",");
  const config = parseConfig({ DOCKER_HOST: env.dockerHost, GRADER_NAME: name, GRADER_TOKEN: "test-token-0123456789", GRADER_OFFERED_IMAGES: offered }, { requireToken: false });
  return Grader.start({ ...config, ...settings, limits: { ...config.limits, imageCacheCount: 0, ...limits } }, log, { sweep: true });
}

export async function grade(grader: Grader, spec: ExerciseSpec, files: FileMap, baselineFiles?: FileMap): Promise<{ verdict: Verdict; events: GradingEvent[] }> {
  const events: GradingEvent[] = [];
  const signal = new AbortController().signal;
  const input = grader.prepare({ spec, files, ...(baselineFiles ? { baselineFiles } : {}) });
  const verdict = await grader.run(grader.admit(signal), input, { signal, emit: (e) => events.push(e) });
  return { verdict, events };
}
