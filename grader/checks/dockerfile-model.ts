// The learner's Dockerfile as the static checks read it: stages with their instructions, parsed by dockerfile-ast
// (the parser behind the Docker VS Code extension) so line numbers match what the learner sees in the editor.
import { DockerfileParser, type Instruction } from "dockerfile-ast";
import { validate } from "dockerfile-utils";

/** LSP DiagnosticSeverity.Error: validate() reports LSP diagnostics, not its own ValidationSeverity. */
const lspError = 1;

export interface DockerInstruction {
  keyword: string;
  /** Arguments without flags, as written. */
  args: string[];
  /** The argument text after the keyword and its flags. */
  text: string;
  /** 1-based, for messages. */
  line: number;
  /** CMD/ENTRYPOINT/RUN/COPY written as a JSON array. */
  jsonForm: boolean;
  flags: Record<string, string | null>;
  /** ENV/ARG pairs, in order. */
  properties: { name: string; value: string | null }[];
}

export interface Stage {
  index: number;
  name: string | null;
  /** The FROM argument: an image reference, `scratch`, or an earlier stage's name. */
  from: string;
  imageName: string | null;
  tag: string | null;
  digest: string | null;
  line: number;
  instructions: DockerInstruction[];
}

export interface DockerfileModel {
  stages: Stage[];
  finalStage: Stage;
  /** Parse errors with 1-based line numbers. */
  errors: { line: number; message: string }[];
  /** The earlier stage a FROM or `COPY --from` names (by name or index), if any. */
  stageNamed(ref: string, before: number): Stage | undefined;
}

function toInstruction(i: Instruction): DockerInstruction {
  const withFlags = i as Instruction & { getFlags?: () => { getName(): string; getValue(): string | null }[] };
  const withProps = i as Instruction & { getProperties?: () => { getName(): string; getValue(): string | null }[]; getProperty?: () => { getName(): string; getValue(): string | null } | null };
  const withJson = i as Instruction & { getOpeningBracket?: () => unknown; getJSONStrings?: () => { getValue(): string }[] };
  const jsonForm = Boolean(withJson.getOpeningBracket?.());
  const props = withProps.getProperties?.() ?? (withProps.getProperty?.() ? [withProps.getProperty()] : []);
  return {
    keyword: i.getKeyword().toUpperCase(),
    args: jsonForm && withJson.getJSONStrings ? withJson.getJSONStrings().map((s) => s.getValue().replace(/^"|"$/g, "")) : i.getArguments().map((a) => a.getValue()),
    text: i.getArgumentsContent() ?? "",
    line: i.getRange().start.line + 1,
    jsonForm,
    flags: Object.fromEntries((withFlags.getFlags?.() ?? []).map((f) => [f.getName().toLowerCase(), f.getValue()])),
    properties: props.filter((p): p is NonNullable<typeof p> => p !== null).map((p) => ({ name: p.getName(), value: p.getValue() })),
  };
}

/** Returns null when there is no FROM at all: nothing a stage-based check could read. */
export function parseDockerfile(source: string): DockerfileModel | null {
  const ast = DockerfileParser.parse(source);
  const errors = validate(source)
    .filter((d) => d.severity === lspError)
    .map((d) => ({ line: d.range.start.line + 1, message: typeof d.message === "string" ? d.message : d.message.value }));
  const stages: Stage[] = [];
  for (const instr of ast.getInstructions()) {
    const keyword = instr.getKeyword().toUpperCase();
    if (keyword === "FROM") {
      const from = ast.getFROMs().find((f) => f.getRange().start.line === instr.getRange().start.line);
      stages.push({
        index: stages.length,
        name: from?.getBuildStage()?.toLowerCase() ?? null,
        from: from?.getImage() ?? instr.getArguments()[0]?.getValue() ?? "",
        imageName: from?.getImageName() ?? null,
        tag: from?.getImageTag() ?? null,
        digest: from?.getImageDigest() ?? null,
        line: instr.getRange().start.line + 1,
        instructions: [],
      });
      continue;
    }
    stages.at(-1)?.instructions.push(toInstruction(instr));
  }
  const finalStage = stages.at(-1);
  if (!finalStage) return null;
  return {
    stages,
    finalStage,
    errors,
    stageNamed(ref, before) {
      const lower = ref.toLowerCase();
      const byIndex = /^\d+$/.test(ref) ? stages[Number(ref)] : undefined;
      const found = byIndex ?? stages.find((s) => s.name === lower);
      return found && found.index < before ? found : undefined;
    },
  };
}

/** The external image a stage ultimately starts from (following FROM <stage> chains), or "scratch". */
export function baseImageOf(model: DockerfileModel, stage: Stage): string {
  let current = stage;
  for (let hops = 0; hops < model.stages.length; hops++) {
    const parent = model.stageNamed(current.from, current.index);
    if (!parent) return current.from;
    current = parent;
  }
  return current.from;
}

export function lastOf(stage: Stage, keyword: string): DockerInstruction | undefined {
  return stage.instructions.filter((i) => i.keyword === keyword).at(-1);
}
