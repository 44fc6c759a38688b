// Grader output made storable. Build and container output is whatever the learner's programs printed: a NUL or a
// lone UTF-16 surrogate in it would make PostgreSQL refuse the event (jsonb has no NUL, and no half of a surrogate
// pair), and a refused event used to fail the grading. Such characters are replaced by visible stand-ins — ␀ for
// NUL, � for a broken character — and counted, so the learner can be told that the output shown is not byte-exact.
import { brokenStandIn, nulStandIn, unstorableCharacter } from "@/grader/contract/file-text";

function storableString(text: string): { text: string; replaced: number } {
  if (!unstorableCharacter(text)) return { text, replaced: 0 };
  let replaced = 0;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (code === 0) {
      out += nulStandIn;
      replaced++;
    } else if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += text.slice(i, i + 2);
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += brokenStandIn;
      replaced++;
    } else out += text[i];
  }
  return { text: out, replaced };
}

/** `value` with every string (object keys too) storable; `replaced` counts the characters that were replaced. */
export function toStorable<T>(value: T): { value: T; replaced: number } {
  let replaced = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      const s = storableString(v);
      replaced += s.replaced;
      return s.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, inner]) => [walk(k), walk(inner)]));
    return v;
  };
  const out = walk(value) as T;
  return { value: replaced ? out : value, replaced };
}

/** Whether an event shows output that is not byte-exact: characters replaced here, or stand-ins the grader put in. */
export function showsStandIns(event: { type: string; text?: unknown }): boolean {
  if (toStorable(event).replaced > 0) return true;
  return event.type === "log" && typeof event.text === "string" && (event.text.includes(nulStandIn) || event.text.includes(brokenStandIn));
}
