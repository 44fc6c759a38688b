// The learner's compose.yaml as Compose itself reads it: Debian's docker-compose 1.29 (`docker-compose config`)
// interpolates, merges and fills in defaults, so the policy judges exactly what `up` would run, never a subset of
// the format we parsed by hand. `config` never contacts the engine, but it does read files the compose file names
// and the environment it is given; so before it runs, the raw file is refused where it would make Compose read
// outside the submission (env_file, extends, a build context reaching out), the environment is empty but for PATH,
// a HOME of its own and the grader's password variable, and the submission's own `.env` is not read (an empty
// --env-file): the grader supplies the environment, as a CI system or an operator would.
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse as parseYaml, parseAllDocuments } from "yaml";
import type { FileMap } from "@/grader/contract";

export type NormalizedCompose = { ok: true; normalized: unknown; projectDir: string } | { ok: false; problems: string[] };

const outputCap = 1024 * 1024;
const configTimeoutMs = 15_000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Refusals decided on the raw file, before `docker-compose config` reads anything it names. */
export function screenRawCompose(text: string): string[] {
  let docs;
  try {
    // yaml's default alias budget refuses a "billion laughs" file before it expands.
    docs = parseAllDocuments(text);
  } catch (err) {
    return [`compose.yaml is not valid YAML: ${err instanceof Error ? err.message : String(err)}`];
  }
  if (!Array.isArray(docs) || docs.length !== 1) return ["compose.yaml must hold exactly one YAML document."];
  const [doc] = docs;
  if (!doc || doc.errors.length > 0) return [`compose.yaml is not valid YAML: ${doc?.errors[0]?.message ?? "empty"}`];
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return [`compose.yaml could not be read: ${err instanceof Error ? err.message : String(err)}`];
  }
  if (!isRecord(value) || !isRecord(value.services)) return ["compose.yaml defines no services (a top-level services: mapping)."];
  const problems: string[] = [];
  for (const [name, service] of Object.entries(value.services)) {
    if (!isRecord(service)) continue;
    if (service.env_file !== undefined) problems.push(`Service "${name}": env_file is not read here: the grader passes the environment (see the task).`);
    if (service.extends !== undefined) problems.push(`Service "${name}": extends would read another file; write the service out in full.`);
    const build = service.build;
    const context = typeof build === "string" ? build : isRecord(build) ? build.context : undefined;
    if (context !== undefined && !isInsideSubmission(context)) problems.push(`Service "${name}": build context ${JSON.stringify(context)} must be a folder of your submission, written as a relative path like ./api.`);
  }
  return problems;
}

const isInsideSubmission = (context: unknown): boolean =>
  typeof context === "string" && context !== "" && !/[$~\\:]/.test(context) && !context.startsWith("/") && !context.split("/").includes("..");

export interface NormalizeRequest {
  files: FileMap;
  file: string;
  /** The variables Compose may interpolate: the grader's own, nothing of its process. */
  env: Record<string, string>;
  composeBinary: string;
  signal: AbortSignal;
}

/**
 * Writes the submission to a fresh folder and runs `docker-compose config` there. The caller owns the folder
 * (`projectDir`, also on failure through `removeProjectDir`): its absolute path is what build contexts resolve to.
 */
export async function normalizeCompose(req: NormalizeRequest, projectDir: string): Promise<NormalizedCompose> {
  const text = req.files[req.file];
  if (text === undefined) return { ok: false, problems: [`There is no ${req.file} in your submission.`] };
  const screened = screenRawCompose(text);
  if (screened.length > 0) return { ok: false, problems: screened };
  for (const [rel, content] of Object.entries(req.files)) {
    const target = path.join(projectDir, rel);
    await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await fs.writeFile(target, content, { mode: 0o600 });
  }
  const emptyEnvFile = path.join(projectDir, ".shipshape-no-env");
  await fs.writeFile(emptyEnvFile, "");
  const args = ["--env-file", emptyEnvFile, "--project-directory", projectDir, "-f", path.join(projectDir, req.file), "config"];
  const env = { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: projectDir, DOCKER_HOST: "unix:///nonexistent", ...req.env };
  const result = await run(req.composeBinary, args, { cwd: projectDir, env, signal: req.signal });
  if (!result.ok) {
    const said = result.stderr.split(projectDir).join(".").trim().slice(0, 2000);
    return { ok: false, problems: [`Compose could not read ${req.file}: ${said || result.error}`] };
  }
  try {
    return { ok: true, normalized: parseYaml(result.stdout, { maxAliasCount: 100 }), projectDir };
  } catch (err) {
    return { ok: false, problems: [`Compose printed a file the grader could not read back: ${err instanceof Error ? err.message : String(err)}`] };
  }
}

export async function makeProjectDir(gradingId: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `shipshape-compose-${gradingId}-`));
}

export async function removeProjectDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}

export type RunResult = { ok: true; stdout: string; stderr: string } | { ok: false; stdout: string; stderr: string; error: string };

/** One docker-compose command: bounded in time and output, killed when the grading is. */
export function run(binary: string, args: string[], opts: { cwd: string; env: Record<string, string>; signal: AbortSignal; timeoutMs?: number }): Promise<RunResult> {
  // Next's types make NODE_ENV a required key of ProcessEnv; Compose gets exactly the variables given, no more.
  const env = opts.env as NodeJS.ProcessEnv;
  return new Promise((resolve) => {
    execFile(
      binary,
      args,
      { cwd: opts.cwd, env, signal: opts.signal, timeout: opts.timeoutMs ?? configTimeoutMs, maxBuffer: outputCap, killSignal: "SIGKILL", encoding: "utf8" },
      (err: Error | null, stdout: string, stderr: string) => {
        if (!err) resolve({ ok: true, stdout, stderr });
        else resolve({ ok: false, stdout, stderr, error: err.message.split("\n")[0] ?? "failed" });
      },
    );
  });
}
