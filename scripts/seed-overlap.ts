// Finds text our content shares with the source lesson it was written from (shared/seed), so that "in our own
// words" is checked rather than hoped for. Two rules, on text normalised for case, whitespace and punctuation:
//   - prose: 8 consecutive words of one of our sentences found in a sentence of the seed;
//   - code: 4 consecutive non-blank lines found as consecutive lines of the seed.
// Inline code is left out of prose: a command the seed prescribes is taught, not copied, and its code lines are
// judged by the code rule. The one folder allowed to copy is the `seed-example` fixture, a test learners never see.
// The index keeps only hashes of the seed's runs, so it can be committed (scripts/seed-fingerprint.json) and the
// check runs on a clean clone where the seed itself is not beside the project, without the repository holding its text.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

export const proseWords = 8;
export const codeLines = 4;
const skippedFolder = `${path.sep}mistakes${path.sep}seed-example${path.sep}`;

export interface Overlap {
  file: string;
  line: number;
  rule: "prose" | "code";
  text: string;
}

const normalise = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** A piece of text and the 1-based line it starts on. */
interface Piece {
  line: number;
  text: string;
}

interface Sentence {
  words: string[];
  /** The line each word is on. */
  lines: number[];
}

/**
 * Sentences across wrapped lines: one ends at . ! ? or ; before a space or a line's end, at a blank line, and
 * at the end of a piece.
 */
function sentences(pieces: readonly Piece[]): Sentence[] {
  const out: Sentence[] = [];
  for (const piece of pieces) {
    let current: Sentence = { words: [], lines: [] };
    const end = () => {
      if (current.words.length > 0) out.push(current);
      current = { words: [], lines: [] };
    };
    for (const [i, raw] of piece.text.split("\n").entries()) {
      if (!raw.trim()) end();
      const parts = raw.replace(/`[^`]*`/g, " ").split(/[.!?;](?:\s|$)/);
      for (const [j, part] of parts.entries()) {
        for (const word of normalise(part).split(" ").filter(Boolean)) {
          current.words.push(word);
          current.lines.push(piece.line + i);
        }
        if (j < parts.length - 1) end();
      }
    }
    end();
  }
  return out;
}

const shingles = (words: readonly string[], n: number): string[] =>
  words.length < n ? [] : Array.from({ length: words.length - n + 1 }, (_, i) => words.slice(i, i + n).join(" "));

/** Every window of 4 consecutive non-blank lines within one piece (a fenced block, a file, a YAML value). */
function codeRuns(pieces: readonly Piece[]): { line: number; key: string }[] {
  return pieces.flatMap((piece) => {
    const lines = piece.text
      .split("\n")
      .map((raw, i) => ({ line: piece.line + i, text: normalise(raw) }))
      .filter((l) => l.text);
    return Array.from({ length: Math.max(0, lines.length - codeLines + 1) }, (_, i) => ({
      line: lines[i]?.line ?? 0,
      key: lines.slice(i, i + codeLines).map((l) => l.text).join("\n"),
    }));
  });
}

/** A run's key, shortened: 48 bits keep collisions between a few thousand runs out of reach. */
const hashRun = (run: string): string => createHash("sha256").update(run).digest("hex").slice(0, 12);

export interface SeedFingerprint {
  proseWords: number;
  codeLines: number;
  prose: string[];
  code: string[];
}

/** The seed, indexed once: the hash of every 8-word run within one of its lines' sentences, every 4-line run. */
export class SeedIndex {
  private constructor(
    private readonly prose: ReadonlySet<string>,
    private readonly code: ReadonlySet<string>,
  ) {}

  static fromSeed(seed: string): SeedIndex {
    const prose = new Set<string>();
    // The seed is one item per line, with no wrapping: each line's sentences stand alone.
    for (const [i, line] of seed.split("\n").entries()) {
      for (const s of sentences([{ line: i + 1, text: line }])) for (const sh of shingles(s.words, proseWords)) prose.add(hashRun(sh));
    }
    const code = new Set(codeRuns([{ line: 1, text: seed }]).map((run) => hashRun(run.key)));
    return new SeedIndex(prose, code);
  }

  /** Fails on a fingerprint made with other run lengths: its hashes would silently match nothing. */
  static fromFingerprint(fp: SeedFingerprint): SeedIndex {
    if (fp.proseWords !== proseWords || fp.codeLines !== codeLines) {
      throw new Error(`seed fingerprint made for ${fp.proseWords} words / ${fp.codeLines} lines, the check uses ${proseWords} / ${codeLines}`);
    }
    return new SeedIndex(new Set(fp.prose), new Set(fp.code));
  }

  fingerprint(): SeedFingerprint {
    return { proseWords, codeLines, prose: [...this.prose].sort(), code: [...this.code].sort() };
  }

  proseOverlaps(file: string, pieces: readonly Piece[]): Overlap[] {
    const found: Overlap[] = [];
    for (const s of sentences(pieces)) {
      const at = shingles(s.words, proseWords).findIndex((sh) => this.prose.has(hashRun(sh)));
      if (at >= 0) found.push({ file, line: s.lines[at] ?? 0, rule: "prose", text: s.words.slice(at, at + proseWords).join(" ") });
    }
    return found;
  }

  codeOverlaps(file: string, pieces: readonly Piece[]): Overlap[] {
    const found: Overlap[] = [];
    let coveredUntil = -1;
    for (const run of codeRuns(pieces)) {
      // One report per copied block, not one per window sliding over it.
      if (this.code.has(hashRun(run.key)) && run.line > coveredUntil) {
        found.push({ file, line: run.line, rule: "code", text: run.key.replaceAll("\n", " / ") });
        coveredUntil = run.line + codeLines;
      }
    }
    return found;
  }
}

/** Markdown: fenced blocks are code, the runs of lines between them (front matter included) prose. */
function splitMarkdown(text: string): { prose: Piece[]; code: Piece[] } {
  const pieces = { prose: [] as Piece[], code: [] as Piece[] };
  let kind: "prose" | "code" = "prose";
  let run: { line: number; lines: string[] } = { line: 1, lines: [] };
  for (const [i, line] of text.split("\n").entries()) {
    if (/^\s*(```|~~~)/.test(line)) {
      pieces[kind].push({ line: run.line, text: run.lines.join("\n") });
      kind = kind === "prose" ? "code" : "prose";
      run = { line: i + 2, lines: [] };
    } else run.lines.push(line);
  }
  pieces[kind].push({ line: run.line, text: run.lines.join("\n") });
  return pieces;
}

/** The text of one line inside a code block of a YAML file: a Dockerfile line, a `- line` item, a step's `text:`. */
const yamlCodeLine = (line: string): string =>
  line
    .trim()
    .replace(/^- /, "")
    .replace(/^id:.*$/, "")
    .replace(/^text:\s*/, "")
    .replace(/^(["'])(.*)\1$/, "$2");

/**
 * YAML, read line by line (exact line numbers, no parser's cost): the block under a `dockerfile`, `lines` or
 * `steps` key is code (a Dockerfile, spot-the-line lines, order-question steps); every other value is prose.
 */
function splitYaml(text: string): { prose: Piece[]; code: Piece[] } {
  const prose: string[] = [];
  const code: Piece[] = [];
  let block: { indent: number; line: number; lines: string[] } | null = null;
  for (const [i, line] of text.split("\n").entries()) {
    const indent = line.search(/\S/);
    if (block && (indent === -1 || indent > block.indent)) {
      block.lines.push(indent === -1 ? "" : yamlCodeLine(line));
      prose.push("");
      continue;
    }
    if (block) code.push({ line: block.line, text: block.lines.join("\n") });
    const key = /^(\s*(?:- )?)(dockerfile|lines|steps):/.exec(line);
    block = key ? { indent: key[1]?.length ?? 0, line: i + 2, lines: [] } : null;
    // A key line keeps its value as prose; a block indicator (| or >) alone is no text.
    prose.push(key ? "" : line.replace(/^\s*(?:- )?(?:[\w-]+:(?:\s|$))?/, "").replace(/^[>|][-+]?\s*$/, ""));
  }
  if (block) code.push({ line: block.line, text: block.lines.join("\n") });
  return { prose: [{ line: 1, text: prose.join("\n") }], code };
}

export async function findSeedOverlaps(contentDir: string, index: SeedIndex): Promise<Overlap[]> {
  const entries = await fs.readdir(contentDir, { recursive: true, withFileTypes: true });
  const found: Overlap[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    if (abs.includes(skippedFolder)) continue;
    const file = path.relative(process.cwd(), abs);
    const text = await fs.readFile(abs, "utf8");
    const ext = path.extname(entry.name);
    const parts = ext === ".md" ? splitMarkdown(text) : ext === ".yaml" || ext === ".yml" ? splitYaml(text) : { prose: [], code: [{ line: 1, text }] };
    found.push(...index.proseOverlaps(file, parts.prose), ...index.codeOverlaps(file, parts.code));
  }
  return found.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
