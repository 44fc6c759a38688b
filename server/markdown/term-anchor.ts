import { slug } from "github-slugger";

/** The glossary anchor of a key term, e.g. "volume/bind mount" → "term-volume-bind-mount". */
export function termAnchor(term: string): string {
  return `term-${slug(term.replace(/\//g, " "))}`;
}

export function termDefinitionId(term: string): string {
  return `${termAnchor(term)}-definition`;
}
