// The web's one reader of process.env: validated once, so a bad value fails the boot naming the variable.
// No `server-only` import here: next.config.ts and the start script load this file outside React's server graph.
import { hostname } from "node:os";
import { z } from "zod";

const optionalSecret = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Set: a PostgreSQL server. Unset: embedded PGlite in PGLITE_DIR. */
  DATABASE_URL: z
    .string()
    .url()
    .refine((u) => /^postgres(ql)?:\/\//.test(u), "must be a postgres:// or postgresql:// URL")
    .optional(),
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  GRADER_URL: z.string().url().default("http://127.0.0.1:4000"),
  GRADER_TOKEN: optionalSecret,
  /** Gradings a learner may start per window (all exercises together); beyond it 429 with Retry-After. */
  GRADING_RATE_LIMIT: z.coerce.number().int().min(1).max(1000).default(10),
  GRADING_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
  /**
   * Names this web instance on the submissions it dispatches. Must differ between instances sharing a database and
   * stay the same across one instance's restarts; unset, the host name and port do both in usual deployments.
   */
  WEB_INSTANCE_ID: z.string().trim().min(1).max(200).optional(),
  AUTH_SECRET: optionalSecret,
  AUTH_GITHUB_ID: optionalSecret,
  AUTH_GITHUB_SECRET: optionalSecret,
  /** When set, start-up seeds the three demo accounts with this password (never otherwise). */
  DEMO_PASSWORD: optionalSecret,
  /** Lets parallel builds (tests, benchmarks) use their own output folder. */
  NEXT_DIST_DIR: z.string().min(1).default(".next"),
});

export type WebEnv = z.infer<typeof schema> & { WEB_INSTANCE_ID: string };

export function parseWebEnv(source: Record<string, string | undefined>): WebEnv {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment for the web:\n${lines.join("\n")}`);
  }
  return { ...result.data, WEB_INSTANCE_ID: result.data.WEB_INSTANCE_ID ?? `${hostname()}:${result.data.PORT}` };
}

export const env: WebEnv = parseWebEnv(process.env);
