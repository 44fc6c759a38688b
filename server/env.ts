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
  /** The address the web listens on (0.0.0.0 in its container image). */
  HOST: z.string().min(1).default("127.0.0.1"),
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
   * Grader slots an admin's LOW work (regrades, proving and regression runs) may hold at once, all web instances
   * together; keep it below the graders' total GRADER_CONCURRENCY (default 2) so learners always find a free slot.
   */
  GRADING_LOW_PRIORITY_SLOTS: z.coerce.number().int().min(1).max(64).default(1),
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
  /**
   * Reverse proxies in front of the web that append to X-Forwarded-For. 0: the client is the socket's peer and the
   * header is ignored (anyone can set it); n: the address the n-th proxy from us saw.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  /** Public URL of the web (as in OAuth callbacks); its origin is the one state-changing requests must come from. */
  AUTH_URL: z.string().url().optional(),
  /**
   * SMTP server for account mail (smtp:// or smtps://, credentials in the URL). Unset or empty (compose passes
   * `SMTP_URL=` from its env file as an empty value): mail goes to MAIL_OUTBOX_DIR.
   */
  SMTP_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .url()
      .refine((u) => /^smtps?:\/\//.test(u), "must be an smtp:// or smtps:// URL")
      .optional(),
  ),
  MAIL_FROM: z.string().trim().min(3).default("Shipshape <no-reply@shipshape.local>"),
  /** Where mail is written as .eml files when no SMTP server is configured (development). */
  MAIL_OUTBOX_DIR: z.string().min(1).default(".data/outbox"),
  /** Grading needs a verified email address; default on when SMTP_URL is set, off for the local embedded default. */
  REQUIRE_EMAIL_VERIFICATION: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  /** Appends each CSP violation report here as a JSON line (the browser tests fail on any). */
  CSP_REPORT_FILE: z.string().min(1).optional(),
  /**
   * "false" behind a reverse proxy that compresses (and terminates TLS): Next would otherwise gzip every response
   * again, the cached reading pages included. Default on, for `npm start` and compose serving browsers directly.
   */
  COMPRESS_RESPONSES: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** Memory for the reading pages kept as bytes in front of Next (server/http/reading-page-cache.ts). */
  READING_PAGE_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(64),
  /** Lets parallel builds (tests, benchmarks) use their own output folder. */
  NEXT_DIST_DIR: z.string().min(1).default(".next"),
});

const checkedSchema = schema.refine((e) => !e.SMTP_URL || e.AUTH_URL, {
  path: ["AUTH_URL"],
  message: "is required when SMTP_URL is set: links in account mail must not be built from a request's Host header",
});

export type WebEnv = z.infer<typeof schema> & { WEB_INSTANCE_ID: string; REQUIRE_EMAIL_VERIFICATION: boolean };

export function parseWebEnv(source: Record<string, string | undefined>): WebEnv {
  const result = checkedSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment for the web:\n${lines.join("\n")}`);
  }
  return {
    ...result.data,
    WEB_INSTANCE_ID: result.data.WEB_INSTANCE_ID ?? `${hostname()}:${result.data.PORT}`,
    REQUIRE_EMAIL_VERIFICATION: result.data.REQUIRE_EMAIL_VERIFICATION ?? Boolean(result.data.SMTP_URL),
  };
}

export const env: WebEnv = parseWebEnv(process.env);
