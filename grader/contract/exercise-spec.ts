// An exercise as the grader receives it: declarative, validated, written in content/<course>/<lesson>/exercises.
import { z } from "zod";
import { checkIdSchema } from "./check-ids";

const port = z.number().int().min(1).max(65535);

/** What an HTTP answer must look like. `json` is a subset match; `"$GREETING"` stands for the run's value. */
export const httpExpectSchema = z
  .object({
    status: z.number().int().min(100).max(599).default(200),
    json: z.record(z.string(), z.unknown()).optional(),
    jsonKeys: z.array(z.string().min(1)).optional(),
    bodyIncludes: z.string().min(1).optional(),
  })
  .strict();

export const probeSchema = z
  .object({
    method: z.enum(["GET", "HEAD"]).default("GET"),
    path: z.string().startsWith("/").max(2048).default("/"),
    expect: httpExpectSchema,
  })
  .strict();

export const checkConfigSchema = z
  .object({
    id: checkIdSchema,
    /** Required checks decide pass/fail; the others are tips, shown but never failing. */
    required: z.boolean(),
    /** What to try when it fails, in the learner's terms. */
    hint: z.string().min(1),
    /** Overrides the catalogue title where the exercise words it better. */
    title: z.string().min(1).optional(),
  })
  .strict();

/**
 * `image-size-cut-30`'s "before" image for one route through the mini challenge: the route's worked example in a
 * single stage. It is built from the learner's own files with this Dockerfile, in the same grading, so the cut
 * is measured on the same app; the first route whose `whenFile` the learner's files hold is the one taken.
 */
export const sizeBaselineSchema = z
  .object({
    route: z.string().min(1),
    whenFile: z.string().min(1).max(255),
    dockerfile: z.string().min(1),
  })
  .strict();

const serviceName = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, "a Compose service name");
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/);

/**
 * A Compose project (grader/compose): `compose.yaml` with an API service and a PostgreSQL sidecar. `app.port` is the
 * API's container port and `probe` what it answers once up; the grader hands a fresh password in `secretEnv` to
 * every grading, so a password written into the files or the image cannot be the one that works.
 */
export const composeProjectSchema = z
  .object({
    kind: z.literal("compose"),
    file: z.string().min(1).max(255).default("compose.yaml"),
    apiService: serviceName,
    databaseService: serviceName,
    databasePort: port.default(5432),
    secretEnv: envName,
    /** The collection the API serves: POST creates at `path`, GET/PUT/DELETE act on `path/<id>`; `field` is what it stores. */
    crud: z.object({ path: z.string().regex(/^\/[A-Za-z0-9/_-]*$/), field: z.string().min(1) }).strict(),
  })
  .strict();

/** What kind of submission this is, when it is more than a Dockerfile; absent = a Dockerfile exercise. */
export const projectSchema = z.discriminatedUnion("kind", [composeProjectSchema]);

/** A path inside the learner's files, as the upload rules allow one (checked again there). */
const relativePath = z.string().min(1).max(255).regex(/^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[\x21-\x7e]+$/, "a relative path without . or .. parts");

/** `tests-gate-build`: the test file the grader puts in place of the learner's; a build that runs the tests must fail. */
export const failingTestSchema = z.object({ path: relativePath, content: z.string().min(1) }).strict();

/**
 * The tag-and-push project: the learner's pipeline file (grader/pipeline/), and what it must leave in the grading's
 * throwaway registry. `${COMMIT_SHA}` in `tags` is the SHA the grader makes up for each grading.
 */
export const pipelineSpecSchema = z
  .object({
    file: relativePath,
    repository: z.string().regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/, "a lowercase repository name"),
    tags: z.array(z.string().min(1).max(128)).min(1),
  })
  .strict();

export const exerciseSpecSchema = z
  .object({
    version: z.literal(1).default(1),
    slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lowercase words joined by hyphens"),
    title: z.string().min(1),
    summary: z.string().min(1),
    /** The task in Markdown, shown above the editor. */
    task: z.string().min(1),
    checklist: z.array(z.string().min(1)).min(1),
    app: z
      .object({
        /** The container port the app listens on, or "expose" to take it from the Dockerfile's EXPOSE. */
        port: z.union([port, z.literal("expose")]),
        /** Environment for every run of the learner's container. */
        env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).default({}),
      })
      .strict(),
    /** The probe `responds` makes once the container is up. */
    probe: probeSchema,
    /** `env-greeting`: run with `env` set to a random value and expect it back at `jsonField`. */
    greeting: z
      .object({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), path: z.string().startsWith("/").default("/"), jsonField: z.string().min(1) })
      .strict()
      .optional(),
    sizeBaselines: z.array(sizeBaselineSchema).min(1).optional(),
    failingTest: failingTestSchema.optional(),
    pipeline: pipelineSpecSchema.optional(),
    project: projectSchema.optional(),
    /** In the order they are shown; ids unique. */
    checks: z
      .array(checkConfigSchema)
      .min(1)
      .refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, "each check id may appear once"),
  })
  .strict()
  .superRefine((spec, ctx) => {
    const ids = new Set(spec.checks.map((c) => c.id));
    if (ids.has("env-greeting") && !spec.greeting) {
      ctx.addIssue({ code: "custom", path: ["greeting"], message: "env-greeting needs a greeting section" });
    }
    if (ids.has("image-size-cut-30") && !spec.sizeBaselines) {
      ctx.addIssue({ code: "custom", path: ["sizeBaselines"], message: "image-size-cut-30 needs the single-stage baseline of each route" });
    }
    if (ids.has("tests-gate-build") && !spec.failingTest) {
      ctx.addIssue({ code: "custom", path: ["failingTest"], message: "tests-gate-build needs the failing test file to swap in" });
    }
    const composeChecks = ["compose-valid", "compose-healthy", "compose-waits-healthy", "compose-db-private", "compose-secrets-env", "compose-crud", "compose-persists"] as const;
    if (composeChecks.some((id) => ids.has(id)) && spec.project?.kind !== "compose") {
      ctx.addIssue({ code: "custom", path: ["project"], message: "the compose checks need a project of kind compose" });
    }
    if (spec.project?.kind === "compose" && spec.app.port === "expose") {
      ctx.addIssue({ code: "custom", path: ["app", "port"], message: "a Compose project names its API's container port" });
    }
    const pipelineChecks = ["pipeline-valid", "commit-sha-tag", "tags-pushed"] as const;
    if (pipelineChecks.some((id) => ids.has(id)) && !spec.pipeline) {
      ctx.addIssue({ code: "custom", path: ["pipeline"], message: "the pipeline checks need a pipeline section" });
    }
  });

export type ExerciseSpec = z.infer<typeof exerciseSpecSchema>;
export type ExerciseSpecInput = z.input<typeof exerciseSpecSchema>;
export type CheckConfig = z.infer<typeof checkConfigSchema>;
export type Probe = z.infer<typeof probeSchema>;
export type SizeBaseline = z.infer<typeof sizeBaselineSchema>;
export type FailingTest = z.infer<typeof failingTestSchema>;
export type PipelineSpec = z.infer<typeof pipelineSpecSchema>;
export type ComposeProject = z.infer<typeof composeProjectSchema>;
