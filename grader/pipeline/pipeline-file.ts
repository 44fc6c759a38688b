// The tag-and-push project's pipeline file, resolved completely before anything runs (DESIGN §5).
//
// Why a YAML of steps and not a shell script: a script that builds and pushes needs a Docker engine at hand, and a
// learner's shell next to an engine is the engine's root. The three steps a release pipeline takes — build, tag,
// push — are written here as data, with `${COMMIT_SHA}` and `${VERSION}`-style variables as CI systems offer them;
// the grader expands every variable, checks every name and every push target, and only then executes the steps
// itself through the engine API. What it cannot decide it refuses, and nothing runs.
import { parseDocument } from "yaml";
import { z } from "zod";
import { normalizeImageRef } from "@/grader/build-plan/image-ref";

/** Variables the grader gives every grading; a file may not define them itself. */
export interface PipelineVariables {
  COMMIT_SHA: string;
  COMMIT_SHORT_SHA: string;
  REGISTRY: string;
}

const variableName = /^[A-Z_][A-Z0-9_]*$/;
const provided = new Set<string>(["COMMIT_SHA", "COMMIT_SHORT_SHA", "REGISTRY"]);

const stepSchema = z.union([
  z.object({ build: z.string().min(1).max(512) }).strict(),
  z.object({ tag: z.object({ from: z.string().min(1).max(512), to: z.string().min(1).max(512) }).strict() }).strict(),
  z.object({ push: z.string().min(1).max(512) }).strict(),
]);

const pipelineFileSchema = z
  .object({
    /** The file's own variables, e.g. VERSION: "1.2.0"; plain text, no references. */
    env: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).default({}),
    steps: z.array(z.unknown()).min(1, "list at least one step"),
  })
  .strict();

/** One engine action, every name in it final. `ref` names are `[host/]repository:tag`. */
export type PipelineAction =
  | { kind: "build"; step: number; name: string }
  | { kind: "tag"; step: number; from: string; to: string }
  | { kind: "push"; step: number; ref: string };

export type PipelinePlan =
  | { ok: true; actions: PipelineAction[]; variables: Record<string, string> }
  | { ok: false; message: string; step: number | null };

export interface PipelineRules {
  variables: PipelineVariables;
  maxSteps: number;
  maxVariables: number;
}

const refuse = (message: string, step: number | null = null): PipelinePlan => ({ ok: false, message, step });

/** `$NAME` and `${NAME}` only: shell operators, command substitution and nested forms are refused, not guessed at. */
export function expandVariables(text: string, values: Record<string, string>): { ok: true; text: string } | { ok: false; reason: string } {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== "$") {
      out += ch;
      continue;
    }
    const braced = text[i + 1] === "{";
    const match = (braced ? /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/ : /^\$([A-Za-z_][A-Za-z0-9_]*)/).exec(text.slice(i));
    if (!match?.[1]) return { ok: false, reason: `"${text}": only $NAME and \${NAME} are expanded here (no default values, operators or commands)` };
    const value = values[match[1]];
    if (value === undefined) return { ok: false, reason: `"${text}" uses \${${match[1]}}, which is not defined (the grader gives ${[...provided].join(", ")}; add others under env:)` };
    out += value;
    i += match[0].length - 1;
  }
  return { ok: true, text: out };
}

/** Host of a normalized reference, or null for Docker Hub. */
function hostOf(name: string): string | null {
  const ref = normalizeImageRef(name);
  return ref.ok ? ref.registry : null;
}

export function resolvePipeline(source: string, rules: PipelineRules): PipelinePlan {
  const doc = parseDocument(source, { uniqueKeys: true });
  if (doc.errors.length > 0) return refuse(`The pipeline file is not valid YAML: ${doc.errors[0]?.message.split("\n")[0] ?? ""}`);
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 0 });
  } catch (err) {
    return refuse(`The pipeline file could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  const file = pipelineFileSchema.safeParse(raw);
  if (!file.success) {
    const issue = file.error.issues[0];
    return refuse(`The pipeline file needs \`steps:\` (and optionally \`env:\`): ${issue ? `${issue.path.join(".") || "(top level)"}: ${issue.message}` : "unreadable"}`);
  }
  if (file.data.steps.length > rules.maxSteps) return refuse(`The pipeline has ${file.data.steps.length} steps; at most ${rules.maxSteps} run here.`);

  const env = Object.entries(file.data.env);
  if (env.length > rules.maxVariables) return refuse(`env: defines ${env.length} variables; at most ${rules.maxVariables}.`);
  const variables: Record<string, string> = { ...rules.variables };
  for (const [name, value] of env) {
    if (!variableName.test(name)) return refuse(`env: "${name}" is not a variable name (capitals, digits and _).`);
    if (provided.has(name)) return refuse(`env: ${name} is given by the grader for each run; a pipeline may not set it.`);
    if (value.includes("$")) return refuse(`env: ${name} must be plain text; variables are not expanded inside env.`);
    if (value.length > 128) return refuse(`env: ${name} is longer than 128 characters.`);
    variables[name] = value;
  }

  const actions: PipelineAction[] = [];
  // Names the pipeline has made so far: a tag or push may only name one of them.
  const known = new Set<string>();
  const name = (text: string, step: number): { ok: true; name: string } | { ok: false; plan: PipelinePlan } => {
    const expanded = expandVariables(text, variables);
    if (!expanded.ok) return { ok: false, plan: refuse(`Step ${step}: ${expanded.reason}.`, step) };
    const ref = normalizeImageRef(expanded.text);
    if (!ref.ok) return { ok: false, plan: refuse(`Step ${step}: ${ref.reason}.`, step) };
    if (ref.digest) return { ok: false, plan: refuse(`Step ${step}: "${expanded.text}" names a digest; name images by repository and tag.`, step) };
    return { ok: true, name: ref.name };
  };
  for (const [i, rawStep] of file.data.steps.entries()) {
    const step = i + 1;
    const parsed = stepSchema.safeParse(rawStep);
    if (!parsed.success) return refuse(`Step ${step}: each step is one of build: <image>, tag: { from: <image>, to: <image> } or push: <image>.`, step);
    const s = parsed.data;
    if ("build" in s) {
      const built = name(s.build, step);
      if (!built.ok) return built.plan;
      known.add(built.name);
      actions.push({ kind: "build", step, name: built.name });
    } else if ("tag" in s) {
      const from = name(s.tag.from, step);
      if (!from.ok) return from.plan;
      const to = name(s.tag.to, step);
      if (!to.ok) return to.plan;
      if (!known.has(from.name)) return refuse(`Step ${step}: tag from ${from.name}, which no earlier step built or tagged (only this pipeline's own image can be tagged).`, step);
      known.add(to.name);
      actions.push({ kind: "tag", step, from: from.name, to: to.name });
    } else {
      const ref = name(s.push, step);
      if (!ref.ok) return ref.plan;
      const host = hostOf(ref.name);
      if (host !== rules.variables.REGISTRY) {
        const where = host === null ? "Docker Hub" : host;
        return refuse(`Step ${step}: push ${ref.name} would go to ${where}. Here a pipeline pushes only to the grading's registry: name the image \${REGISTRY}/<repository>:<tag>.`, step);
      }
      if (!known.has(ref.name)) return refuse(`Step ${step}: push ${ref.name}, which no earlier step built or tagged; tag the image with that name first.`, step);
      actions.push({ kind: "push", step, ref: ref.name });
    }
  }
  if (!actions.some((a) => a.kind === "build")) return refuse("The pipeline never builds the image: start with a build: step.");
  return { ok: true, actions, variables };
}

/** `[host/]repository:tag` split at the tag's colon (the name is normalized, so it always has a tag). */
export function splitReference(ref: string): { repository: string; tag: string } {
  const colon = ref.lastIndexOf(":");
  return { repository: ref.slice(0, colon), tag: ref.slice(colon + 1) };
}
