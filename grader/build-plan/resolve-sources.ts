// Every source a build can name, decided before the build, as the classic builder will evaluate the Dockerfile:
// ARG defaults and the build args we pass, ENV (the base image's included, ENV winning over ARG), stage names,
// every stage, and the ONBUILD triggers of each base (an image's Config.OnBuild, or an earlier stage's ONBUILD
// lines). The engine itself fetches `ADD <url>` and pulls a missing FROM or `COPY --from` image, from its own
// network namespace, whatever the build's network mode; so a build may only name local files and images the
// operator offers. Whatever this cannot decide is refused, with its line (fail closed).
import { argDeclarations, envPairs, jsonArgs, parseInstructions, splitFlags, whitespaceWords, type RawInstruction } from "./dockerfile-lines";
import { normalizeImageRef } from "./image-ref";
import { expandWord, Undecidable } from "./shell-word";

/** What the engine says about an image a build starts from; null when the engine does not hold it. */
export interface BaseImageFacts {
  env: string[];
  onBuild: string[];
}

export interface ResolveOptions {
  /** Image references the operator offers, in any spelling. */
  offered: readonly string[];
  /** The `--build-arg`s the grader passes to the build. */
  buildArgs: Readonly<Record<string, string>>;
  inspect(ref: string): Promise<BaseImageFacts | null>;
}

export type BuildPlan =
  | { ok: true; images: string[] }
  /** `refused`: the learner's Dockerfile names something we will not build. `missing`: an offered image is not on the engine (our fault). */
  | { ok: false; kind: "refused" | "missing"; line: number; message: string };

class Refusal extends Error {
  constructor(
    readonly kind: "refused" | "missing",
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

interface StageState {
  name: string | null;
  env: Map<string, string>;
  args: Map<string, string>;
  onBuild: string[];
}

/** A source the engine would fetch: a URL of any scheme, or a git remote. */
const isRemote = (src: string): boolean => /:\/\//.test(src) || /^git@/i.test(src) || /^github\.com\//i.test(src);

/**
 * The values of one ARG or ENV line. The classic builder expands them all against the variables from before the
 * line; a value that would read differently once an earlier pair of the same line applied is refused, so no
 * reading of the line (the builder's, a later version's) can differ from ours.
 */
function lineValues(
  pairs: { name: string; value: string | undefined }[],
  before: ReadonlyMap<string, string>,
  resolve: (name: string, value: string | undefined, vars: ReadonlyMap<string, string>) => string | undefined,
): Map<string, string | undefined> {
  const atOnce = new Map<string, string | undefined>();
  const sequential = new Map(before);
  for (const { name, value } of pairs) {
    const resolved = resolve(name, value, before);
    if (resolve(name, value, sequential) !== resolved) throw new Undecidable(`${name}'s value reads an earlier name=value of the same line; give each its own line`);
    atOnce.set(name, resolved);
    if (resolved === undefined) sequential.delete(name);
    else sequential.set(name, resolved);
  }
  return atOnce;
}

export async function resolveBuildSources(dockerfile: string, opts: ResolveOptions): Promise<BuildPlan> {
  try {
    return { ok: true, images: await new Resolver(opts).run(dockerfile) };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, kind: err.kind, line: err.line, message: err.message };
    throw err;
  }
}

class Resolver {
  private readonly offered: Map<string, string>;
  private readonly images = new Set<string>();
  private readonly stages: StageState[] = [];
  private escape = "\\";

  constructor(private readonly opts: ResolveOptions) {
    this.offered = new Map(opts.offered.flatMap((o) => {
      const ref = normalizeImageRef(o);
      return ref.ok ? [[ref.name, o] as const] : [];
    }));
  }

  async run(dockerfile: string): Promise<string[]> {
    let parsed;
    try {
      parsed = parseInstructions(dockerfile);
    } catch (err) {
      throw new Refusal("refused", 1, `The grader cannot read this Dockerfile the way the builder would: ${(err as Error).message}.`);
    }
    this.escape = parsed.escape;
    const meta = new Map<string, string>();
    let stage: StageState | null = null;
    for (const instr of parsed.instructions) {
      try {
        if (instr.keyword === "FROM") {
          stage = await this.from(instr, meta);
          continue;
        }
        if (!stage) {
          if (instr.keyword !== "ARG") throw new Refusal("refused", instr.line, `Line ${instr.line}: only ARG may come before the first FROM.`);
          this.declareArgs(instr, meta, meta, meta);
          continue;
        }
        await this.apply(instr, stage, meta, instr.line, "");
      } catch (err) {
        if (err instanceof Undecidable) throw this.undecidable(instr.line, err);
        throw err;
      }
    }
    if (this.stages.length === 0) throw new Refusal("refused", 1, "There is no FROM instruction, so there is nothing to build.");
    return [...this.images];
  }

  private undecidable(line: number, err: Undecidable, origin = ""): Refusal {
    return new Refusal(
      "refused",
      line,
      `Line ${line}${origin}: the grader cannot tell before the build what this line names (${err.message}), so it will not build it. Write the value out, or use $NAME, \${NAME} or \${NAME:-default}.`,
    );
  }

  private vars(stage: StageState): Map<string, string> {
    // ENV wins over an ARG of the same name, as in the builder.
    return new Map([...stage.args, ...stage.env]);
  }

  private declareArgs(instr: RawInstruction, into: Map<string, string>, scope: ReadonlyMap<string, string>, meta: ReadonlyMap<string, string>): void {
    const values = lineValues(argDeclarations(instr.rest, this.escape), scope, (name, value, vars) => this.opts.buildArgs[name] ?? (value !== undefined ? expandWord(value, vars, this.escape) : meta.get(name)));
    for (const [name, value] of values) {
      if (value === undefined) into.delete(name);
      else into.set(name, value);
    }
  }

  private async from(instr: RawInstruction, meta: ReadonlyMap<string, string>): Promise<StageState> {
    const { flags, rest } = splitFlags(instr.rest);
    if (flags.length > 0) throw new Refusal("refused", instr.line, `Line ${instr.line}: FROM --${flags[0]?.name} is not supported here; this grader builds for its own platform only.`);
    const words = whitespaceWords(rest);
    const named = words.length === 3 && words[1]?.toLowerCase() === "as";
    if (words.length !== 1 && !named) throw new Refusal("refused", instr.line, `Line ${instr.line}: FROM takes an image and optionally "AS <name>".`);
    const image = expandWord(words[0] ?? "", meta, this.escape);
    const earlier = this.stages.find((s) => s.name !== null && s.name === image.toLowerCase());
    const stage: StageState = { name: named ? (words[2] ?? "").toLowerCase() : null, env: new Map(), args: new Map(), onBuild: [] };
    let triggers: string[] = [];
    let origin = "";
    if (earlier) {
      stage.env = new Map(earlier.env);
      triggers = earlier.onBuild;
      origin = ` (an ONBUILD line of stage ${earlier.name ?? ""})`;
    } else if (image.toLowerCase() !== "scratch") {
      const facts = await this.image(image, instr.line, "FROM");
      for (const kv of facts.env) {
        const eq = kv.indexOf("=");
        if (eq > 0) stage.env.set(kv.slice(0, eq), kv.slice(eq + 1));
      }
      triggers = facts.onBuild;
      origin = ` (an ONBUILD trigger of ${image})`;
    }
    this.stages.push(stage);
    // Triggers run right after FROM, before the stage's own lines, and are consumed: they do not pass on.
    for (const trigger of triggers) {
      for (const t of parseInstructions(trigger).instructions) {
        try {
          await this.apply(t, stage, meta, instr.line, origin);
        } catch (err) {
          if (err instanceof Undecidable) throw this.undecidable(instr.line, err, origin);
          throw err;
        }
      }
    }
    return stage;
  }

  private async apply(instr: RawInstruction, stage: StageState, meta: ReadonlyMap<string, string>, line: number, origin: string): Promise<void> {
    const where = `Line ${line}${origin}`;
    switch (instr.keyword) {
      case "ARG":
        this.declareArgs(instr, stage.args, this.vars(stage), meta);
        return;
      case "ENV":
        for (const [name, value] of lineValues(envPairs(instr.rest, this.escape), this.vars(stage), (_name, v, vars) => expandWord(v ?? "", vars, this.escape))) stage.env.set(name, value ?? "");
        return;
      case "ONBUILD":
        if (/^\s*(ONBUILD|FROM|MAINTAINER)\b/i.test(instr.rest)) throw new Refusal("refused", line, `${where}: ONBUILD cannot trigger ${instr.rest.split(/\s/)[0] ?? ""}.`);
        stage.onBuild.push(instr.rest);
        return;
      case "ADD":
      case "COPY":
        await this.copy(instr, stage, line, where);
        return;
      default:
        return;
    }
  }

  private async copy(instr: RawInstruction, stage: StageState, line: number, where: string): Promise<void> {
    const { flags, rest } = splitFlags(instr.rest);
    const from = flags.find((f) => f.name === "from");
    if (from) await this.copyFrom(from.value, line, where);
    if (instr.keyword !== "ADD") return;
    const words = jsonArgs(rest) ?? whitespaceWords(rest);
    const vars = this.vars(stage);
    for (const raw of words.slice(0, -1)) {
      const expanded = expandWord(raw, vars, this.escape);
      if (isRemote(raw) || isRemote(expanded)) {
        throw new Refusal(
          "refused",
          line,
          `${where}: ADD would fetch "${expanded}" from the network${raw === expanded ? "" : ` (it is what ${raw} expands to)`}. Builds here may only use the files you hand in: put the file in the project and COPY it.`,
        );
      }
    }
  }

  private async copyFrom(value: string, line: number, where: string): Promise<void> {
    if (/[$"'`\\]/.test(value)) throw new Refusal("refused", line, `${where}: COPY --from=${value}: name the stage or image literally here, without variables or quotes.`);
    const current = this.stages.length - 1;
    if (/^\d+$/.test(value)) {
      if (Number(value) >= current) throw new Refusal("refused", line, `${where}: COPY --from=${value} names no earlier stage.`);
      return;
    }
    if (this.stages.slice(0, current).some((s) => s.name === value.toLowerCase())) return;
    await this.image(value, line, "COPY --from");
  }

  private async image(ref: string, line: number, what: string): Promise<BaseImageFacts> {
    const offeredList = [...this.offered.values()].join(", ");
    const normalized = normalizeImageRef(ref);
    if (!normalized.ok) throw new Refusal("refused", line, `Line ${line}: ${what} ${normalized.reason}.`);
    if (normalized.digest !== null) throw new Refusal("refused", line, `Line ${line}: ${what} ${ref} pins a digest; this grader offers its images by tag: ${offeredList}.`);
    if (!this.offered.has(normalized.name)) {
      throw new Refusal("refused", line, `Line ${line}: ${what} names ${ref}, which this grader does not offer. Images you can build on here: ${offeredList}.`);
    }
    const facts = await this.opts.inspect(normalized.name);
    if (!facts) throw new Refusal("missing", line, `The image ${ref} (line ${line}) is offered for this lesson but missing on the grading engine. That is our fault, not yours: nothing was counted.`);
    this.images.add(normalized.name);
    return facts;
  }
}
