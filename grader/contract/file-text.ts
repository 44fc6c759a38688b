// What a learner's file may contain: text that survives every hop intact. A NUL cannot be stored in a PostgreSQL
// text or JSON value, and a lone UTF-16 surrogate (possible in a JSON string, not in UTF-8) has no bytes to write
// into the build context; either would fail far from its cause. One rule, part of the file rulebook the browser, the
// web and the grader share (./file-map-policy), names the file instead.

/** What output shows in place of a NUL and of a broken or control character it cannot carry: the grader and the web say the same. */
export const nulStandIn = "\u2400";
export const brokenStandIn = "\ufffd";

/** Where in `text` the first unstorable character is, and what it is; null when the text is fine. */
export function unstorableCharacter(text: string): { index: number; what: string } | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return { index: i, what: "a NUL byte" };
    if (code < 0xd800 || code > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
    else return { index: i, what: "a broken character (a lone UTF-16 surrogate)" };
  }
  return null;
}

/** Why the file at `path` cannot be graded as text, naming it and the line; null when it can. */
export function fileTextProblem(path: string, text: string): string | null {
  const found = unstorableCharacter(text);
  if (!found) return null;
  const line = text.slice(0, found.index).split("\n").length;
  return `"${path}" contains ${found.what} on line ${line}; only text files can be graded. Remove it, or leave a binary file out of the project.`;
}
