// Reads what the lesson tells a learner to do: the files of each section (fenced blocks with a title) and the
// shell commands and answers it prints, so the content tests run the lesson's own text, not a copy of it.
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

export const lessonDir = path.resolve("content/containers/dockerize-a-service");

export interface Block {
  lang: string;
  title: string | null;
  body: string;
}

/** The lesson's `### ` sections, each with its fenced blocks in order. */
export async function lessonSections(): Promise<Map<string, Block[]>> {
  const text = await fs.readFile(path.join(lessonDir, "lesson.md"), "utf8");
  const sections = new Map<string, Block[]>();
  let current: Block[] = [];
  let open: { block: Block; indent: number; lines: string[] } | null = null;
  for (const line of text.split("\n")) {
    if (open) {
      if (line.trim() === "```") {
        open.block.body = open.lines.map((l) => l.slice(open?.indent ?? 0)).join("\n") + "\n";
        current.push(open.block);
        open = null;
      } else open.lines.push(line);
      continue;
    }
    const heading = /^#{2,3} (.+)$/.exec(line);
    if (heading?.[1]) sections.set(heading[1], (current = []));
    const fence = /^(\s*)```(\w+)(?:\s+title="([^"]+)")?/.exec(line);
    if (fence) open = { block: { lang: fence[2] ?? "", title: fence[3] ?? null, body: "" }, indent: fence[1]?.length ?? 0, lines: [] };
  }
  return sections;
}

export function section(sections: Map<string, Block[]>, prefix: string): Block[] {
  const found = [...sections.entries()].find(([title]) => title.startsWith(prefix));
  if (!found) throw new Error(`the lesson has no section starting "${prefix}"`);
  return found[1];
}

/** The files a section gives the learner to save, by their titles. */
export function filesOf(blocks: readonly Block[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const b of blocks) if (b.title) files[b.title] = b.body;
  return files;
}

/** The first shell line of the section that starts with `prefix`, as words (the lesson's commands need no quoting). */
export function command(blocks: readonly Block[], prefix: string): string[] {
  for (const b of blocks.filter((b) => b.lang === "bash")) {
    const line = b.body.split("\n").find((l) => l.startsWith(prefix));
    if (line) return line.replace(/\s+#.*$/, "").trim().split(/\s+/);
  }
  throw new Error(`no shell line starting "${prefix}" in this section`);
}

/** The JSON answer the section promises (its ```json block). */
export function promisedJson(blocks: readonly Block[]): unknown {
  const block = blocks.find((b) => b.lang === "json" && !b.title);
  if (!block) throw new Error("this section promises no JSON answer");
  return JSON.parse(block.body) as unknown;
}

const run = promisify(execFile);

/** The docker CLI, as the learner uses it. */
export async function docker(args: readonly string[], opts: { cwd?: string } = {}): Promise<string> {
  const { stdout } = await run("docker", args, { cwd: opts.cwd, maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

export async function writeFolder(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, body] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), body);
  }
}
