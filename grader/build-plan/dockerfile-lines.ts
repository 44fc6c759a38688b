// The Dockerfile split into instructions the way moby's parser (buildkit/frontend/dockerfile/parser, vendored by
// engine 20.10) splits it: parser directives at the top, the escape character, line continuations that skip
// comment and blank lines, `--flag` words, JSON or whitespace-separated arguments, and the quote-aware word
// splitting of ENV and ARG. The checks' model (dockerfile-ast) is for showing the learner their file; this one
// is for knowing what the builder will do with it, so it follows the builder and not the editor.
import { Undecidable } from "./shell-word";

export interface RawInstruction {
  keyword: string;
  /** Everything after the keyword, continuations joined. */
  rest: string;
  /** 1-based line where the instruction starts. */
  line: number;
}

export interface ParsedDockerfile {
  escape: string;
  instructions: RawInstruction[];
}

const directive = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

export function parseInstructions(source: string): ParsedDockerfile {
  const lines = source.split(/\r?\n/);
  let escape = "\\";
  let i = 0;
  for (; i < lines.length; i++) {
    const d = directive.exec(lines[i] ?? "");
    if (!d) break;
    if (d[1]?.toLowerCase() === "escape") {
      if (d[2] !== "\\" && d[2] !== "`") throw new Undecidable(`line ${i + 1}: the escape directive must be \\ or \``);
      escape = d[2];
    }
  }
  const continuation = new RegExp(`${escape === "\\" ? "\\\\" : "`"}[ \\t]*$`);
  const isSkippable = (l: string) => l.trim() === "" || l.trimStart().startsWith("#");
  const instructions: RawInstruction[] = [];
  for (; i < lines.length; i++) {
    const first = lines[i] ?? "";
    if (isSkippable(first)) continue;
    const start = i;
    let text = first.trimStart();
    while (continuation.test(text)) {
      text = text.replace(continuation, "");
      i += 1;
      while (i < lines.length && isSkippable(lines[i] ?? "")) i += 1;
      if (i >= lines.length) break;
      text += lines[i];
    }
    const m = /^(\S+)\s*([\s\S]*)$/.exec(text);
    if (!m) continue;
    instructions.push({ keyword: (m[1] ?? "").toUpperCase(), rest: (m[2] ?? "").trim(), line: start + 1 });
  }
  return { escape, instructions };
}

export interface Flag {
  name: string;
  value: string;
}

/** Leading `--name=value` words (the builder reads them for FROM, ADD, COPY, RUN and HEALTHCHECK). */
export function splitFlags(rest: string): { flags: Flag[]; rest: string } {
  const flags: Flag[] = [];
  let remaining = rest.trimStart();
  for (;;) {
    const m = /^--([A-Za-z][A-Za-z0-9-]*)(?:=(\S*))?(?:\s+|$)/.exec(remaining);
    if (!m) break;
    flags.push({ name: (m[1] ?? "").toLowerCase(), value: m[2] ?? "" });
    remaining = remaining.slice(m[0].length);
  }
  return { flags, rest: remaining };
}

/** A JSON array of strings, or null when `rest` is not one (then the builder splits on whitespace). */
export function jsonArgs(rest: string): string[] | null {
  if (!rest.startsWith("[")) return null;
  try {
    const parsed: unknown = JSON.parse(rest);
    if (Array.isArray(parsed) && parsed.every((a): a is string => typeof a === "string")) return parsed;
  } catch {
    // Not JSON: the builder falls back to whitespace-separated words too.
  }
  return null;
}

export const whitespaceWords = (rest: string): string[] => rest.split(/[\t\v\f\r ]+/).filter((w) => w !== "");

/** moby's `parseWords`: split on whitespace outside quotes, keeping quotes and escapes for the later expansion. */
export function quotedWords(rest: string, escape: string): string[] {
  const words: string[] = [];
  let word = "";
  let blankOk = false;
  let quote: string | null = null;
  let inWord = false;
  const chars = [...rest];
  for (let pos = 0; pos < chars.length; pos++) {
    let ch = chars[pos] ?? "";
    if (!inWord) {
      if (/\s/.test(ch)) continue;
      inWord = true;
    }
    if (quote === null) {
      if (/\s/.test(ch)) {
        if (blankOk || word.length > 0) words.push(word);
        word = "";
        blankOk = false;
        inWord = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOk = true;
      }
      if (ch === escape) {
        if (pos + 1 === chars.length) continue;
        word += ch;
        ch = chars[++pos] ?? "";
      }
      word += ch;
      continue;
    }
    if (ch === quote) quote = null;
    else if (ch === escape && quote !== "'") {
      if (pos + 1 === chars.length) continue;
      word += ch;
      ch = chars[++pos] ?? "";
    }
    word += ch;
  }
  if (inWord && (blankOk || word.length > 0)) words.push(word);
  return words;
}

/** ENV's two forms: `ENV name value…` (the rest of the line is the value) and `ENV a=1 b=2`. */
export function envPairs(rest: string, escape: string): { name: string; value: string }[] {
  const words = quotedWords(rest, escape);
  if (words.length === 0) return [];
  if (!(words[0] ?? "").includes("=")) {
    const m = /^(\S+)\s+([\s\S]*)$/.exec(rest);
    if (!m) throw new Undecidable("ENV needs a name and a value");
    return [{ name: m[1] ?? "", value: m[2] ?? "" }];
  }
  return words.map((w) => {
    const eq = w.indexOf("=");
    if (eq <= 0) throw new Undecidable(`"${w}" is not name=value`);
    return { name: w.slice(0, eq), value: w.slice(eq + 1) };
  });
}

/** ARG's `name` or `name=default`, possibly several on one line. */
export function argDeclarations(rest: string, escape: string): { name: string; value: string | undefined }[] {
  return quotedWords(rest, escape).map((w) => {
    const eq = w.indexOf("=");
    return eq < 0 ? { name: w, value: undefined } : { name: w.slice(0, eq), value: w.slice(eq + 1) };
  });
}
