// A content file that fails validation: names the file and the field so an author (or CI) can fix it at once.
import type { z } from "zod";

export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly issues: string[],
  ) {
    super(`${file}:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "ContentError";
  }

  static fromZod(file: string, error: z.ZodError): ContentError {
    return new ContentError(
      file,
      error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(file)"}: ${i.message}`),
    );
  }
}
