// Variable expansion of one Dockerfile word as the classic builder does it (moby's vendored
// buildkit/frontend/dockerfile/shell `ProcessWord`): quotes removed, the escape character honoured, `$NAME`,
// `${NAME}`, `${NAME:-word}` and `${NAME:+word}` substituted. Whatever that lexer would read differently from us
// (other `${…}` operators, special parameters, non-ASCII names, an unterminated quote) throws Undecidable:
// the resolver refuses such a word rather than guess what the builder will see (fail closed).

export class Undecidable extends Error {
  override name = "Undecidable";
}

export type Vars = ReadonlyMap<string, string>;

const nameStart = /[A-Za-z_]/;
const nameChar = /[A-Za-z0-9_]/;

class Reader {
  pos = 0;
  constructor(
    readonly text: string,
    readonly escape: string,
  ) {}
  peek(): string | undefined {
    return this.text[this.pos];
  }
  next(): string | undefined {
    return this.text[this.pos++];
  }
}

/** Expands `word` with `vars` (unset names are absent from the map). */
export function expandWord(word: string, vars: Vars, escape = "\\"): string {
  const r = new Reader(word, escape);
  const out = readUntil(r, vars, null);
  if (r.pos < word.length) throw new Undecidable(`unexpected "${word.slice(r.pos)}"`);
  return out;
}

/** Reads unquoted text up to `stop` (the closing brace of an enclosing `${…}`) or the end. */
function readUntil(r: Reader, vars: Vars, stop: string | null): string {
  let out = "";
  for (let ch = r.peek(); ch !== undefined; ch = r.peek()) {
    if (ch === stop) return out;
    r.next();
    if (ch === r.escape) {
      // The escape keeps the next character literally; a trailing escape is dropped.
      out += r.next() ?? "";
    } else if (ch === "'") {
      out += readSingleQuoted(r);
    } else if (ch === '"') {
      out += readDoubleQuoted(r, vars);
    } else if (ch === "$") {
      out += readDollar(r, vars);
    } else {
      out += ch;
    }
  }
  if (stop !== null) throw new Undecidable("a ${ without its closing }");
  return out;
}

function readSingleQuoted(r: Reader): string {
  const end = r.text.indexOf("'", r.pos);
  if (end < 0) throw new Undecidable("an unterminated single quote");
  const out = r.text.slice(r.pos, end);
  r.pos = end + 1;
  return out;
}

function readDoubleQuoted(r: Reader, vars: Vars): string {
  let out = "";
  for (;;) {
    const ch = r.next();
    if (ch === undefined) throw new Undecidable("an unterminated double quote");
    if (ch === '"') return out;
    if (ch === r.escape) {
      const after = r.peek();
      // Inside double quotes the escape only protects a quote, a dollar or itself; otherwise it stays.
      if (after === '"' || after === "$" || after === r.escape) out += r.next();
      else out += ch;
    } else if (ch === "$") {
      out += readDollar(r, vars);
    } else {
      out += ch;
    }
  }
}

function readName(r: Reader): string {
  let name = "";
  while (r.peek() !== undefined && nameChar.test(r.peek() ?? "")) name += r.next();
  return name;
}

function readDollar(r: Reader, vars: Vars): string {
  const ch = r.peek();
  if (ch === "{") {
    r.next();
    const first = r.peek();
    if (first === undefined || !nameStart.test(first)) throw new Undecidable(`\${${first ?? ""}… is not a variable name`);
    const name = readName(r);
    const op = r.next();
    if (op === "}") return vars.get(name) ?? "";
    if (op === ":") {
      const kind = r.next();
      if (kind !== "-" && kind !== "+") throw new Undecidable(`\${${name}:${kind ?? ""}…} is not supported here; use \${${name}:-default} or \${${name}:+value}`);
      const word = readUntil(r, vars, "}");
      r.next();
      const value = vars.get(name) ?? "";
      if (kind === "-") return value === "" ? word : value;
      return value === "" ? "" : word;
    }
    throw new Undecidable(`\${${name}${op ?? ""}…} is not supported here; use \${${name}}, \${${name}:-default} or \${${name}:+value}`);
  }
  if (ch !== undefined && nameStart.test(ch)) return vars.get(readName(r)) ?? "";
  // Digits and special parameters ($1, $@, $$ …) read differently across builder versions: refuse them.
  if (ch !== undefined && /[0-9@*#?$!-]/.test(ch)) throw new Undecidable(`$${ch} is not a variable this builder can expand`);
  if (ch !== undefined && ch.charCodeAt(0) > 127) throw new Undecidable(`$${ch}… names a variable with non-ASCII letters`);
  return "$";
}
