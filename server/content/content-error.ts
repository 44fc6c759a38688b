// A content file that fails validation: names the file, the field and (where the file is YAML) the line, so an
// author, an archive import or CI can fix it at once.
import type { z } from "zod";
import type { LineOf } from "@/lib/content/yaml-lines";

export interface ContentProblem {
  /** The field's path ("questions.0.answer"); absent for a problem of the whole file. */
  field?: string;
  /** 1-based line in the file, where the field could be found there. */
  line?: number;
  message: string;
}

export class ContentError extends Error {
  readonly issues: string[];

  constructor(
    readonly file: string,
    readonly problems: ContentProblem[],
  ) {
    const issues = problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message));
    super(`${file}:\n${problems.map((p, i) => `  - ${issues[i]}${p.line ? ` (line ${p.line})` : ""}`).join("\n")}`);
    this.issues = issues;
    this.name = "ContentError";
  }

  static of(file: string, messages: string[]): ContentError {
    return new ContentError(file, messages.map((message) => ({ message })));
  }

  static fromZod(file: string, error: z.ZodError, lineOf?: LineOf): ContentError {
    return new ContentError(
      file,
      error.issues.map((i) => ({ field: i.path.length ? i.path.join(".") : "(file)", line: lineOf?.(i.path), message: i.message })),
    );
  }
}
