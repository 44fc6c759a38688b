// Grades an image that is already built (the stack's own web and grader images) with checks from our catalogue,
// through the grader's own grading session: the same check code, image reads, sandboxed container start and
// health wait a learner's image gets. Only the build differs: the session's build step tags the existing image
// instead of building from an upload, because the stack's build context (the whole project, hundreds of files,
// on base images made here) is far past the upload limits, and `docker-compose build` has just built it.
import { randomBytes } from "node:crypto";
import pino from "pino";
import type { CheckId, CheckStatus, ExerciseSpecInput } from "@/grader/contract";
import { exerciseSpecSchema } from "@/grader/contract";
import { parseConfig } from "@/grader/config";
import { checks } from "@/grader/checks";
import { SkipCheck } from "@/grader/checks/check";
import type { BuildResult } from "@/grader/sandbox/build-image";
import { connectDocker } from "@/grader/sandbox/docker-client";
import { InUse } from "@/grader/grading/in-use";
import { Session } from "@/grader/grading/grading-session";

/** The Dockerfile as the builder saw it for `--target <stage>`: every line up to the next stage after that one. */
export function dockerfileForTarget(dockerfile: string, target: string): string {
  const lines = dockerfile.split("\n");
  const start = lines.findIndex((l) => new RegExp(`^FROM\\s+\\S+\\s+AS\\s+${target}\\s*$`, "i").test(l));
  if (start < 0) throw new Error(`no stage named ${target}`);
  const next = lines.findIndex((l, i) => i > start && /^FROM\s/i.test(l));
  return lines.slice(0, next < 0 ? lines.length : next).join("\n");
}

class PrebuiltImageSession extends Session {
  private tagged: Promise<BuildResult> | undefined;

  constructor(
    deps: ConstructorParameters<typeof Session>[0],
    spec: ConstructorParameters<typeof Session>[1],
    dockerfile: string,
    private readonly prebuilt: string,
  ) {
    super(deps, spec, { Dockerfile: dockerfile }, undefined, new Set(["app", "layer-scan"]));
  }

  override build = (): Promise<BuildResult> =>
    (this.tagged ??= (async () => {
      const docker = connectDocker(process.env.DOCKER_HOST ?? "unix:///var/run/docker.sock");
      const [repo, tag] = this.imageTag.split(":") as [string, string];
      const found = await docker.getImage(this.prebuilt).inspect();
      await docker.getImage(found.Id).tag({ repo, tag });
      return { ok: true, imageId: found.Id, tag: this.imageTag, sizeBytes: found.Size, steps: [], logTail: [], durationMs: 0, stageLeaves: [] };
    })());
}

export interface PrebuiltGrading {
  image: string;
  dockerfile: string;
  /** What a container of it needs to start (the spec's `app.env`), and the port it serves. */
  env: Record<string, string>;
  port: number;
  checks: readonly CheckId[];
  /** The grader's limits for this run, e.g. a production service's memory rather than a lesson app's. */
  graderEnv: Record<string, string>;
}

export async function gradePrebuiltImage(grading: PrebuiltGrading): Promise<{ id: CheckId; status: CheckStatus; message: string }[]> {
  const config = parseConfig({ GRADER_NAME: `s17hardening`, ...grading.graderEnv }, { requireToken: false });
  const docker = connectDocker(config.dockerHost);
  const spec = exerciseSpecSchema.parse({
    slug: "stack-hardening",
    title: "The stack's own images",
    summary: "What we teach, applied to what we ship.",
    task: "-",
    checklist: ["-"],
    app: { port: grading.port, env: grading.env },
    probe: { path: "/", expect: {} },
    checks: grading.checks.map((id) => ({ id, required: true, hint: "-" })),
  } satisfies ExerciseSpecInput);
  const session = new PrebuiltImageSession(
    {
      docker,
      config,
      log: pino({ level: "warn" }),
      signal: AbortSignal.timeout(config.limits.gradingTimeoutMs),
      emit: () => undefined,
      inUse: new InUse(),
      pendingRemoval: new Set(),
    },
    spec,
    grading.dockerfile,
    grading.image,
  );
  const results: { id: CheckId; status: CheckStatus; message: string }[] = [];
  try {
    for (const id of grading.checks) {
      try {
        const outcome = await checks[id].run(session);
        results.push({ id, status: outcome.status, message: outcome.message });
      } catch (err) {
        if (!(err instanceof SkipCheck)) throw err;
        results.push({ id, status: "skip", message: err.message });
      }
    }
  } finally {
    await session.cleanup();
    await docker.getImage(session.imageTag).remove({ noprune: true }).catch(() => undefined);
  }
  return results;
}

export const randomSecret = (): string => randomBytes(32).toString("hex");
