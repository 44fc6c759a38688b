/** One entry of a lesson's table of contents: an h2 or h3 of the body. */
export interface TocEntry {
  id: string;
  text: string;
  depth: 2 | 3;
}

/** A key term as the pipeline needs it: the lesson's glossary entry. */
export interface GlossaryTerm {
  term: string;
  aliases: string[];
  definition: string;
}
