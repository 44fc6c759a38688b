// Every limit the web enforces, with why: one table, printed in the README (Web limits) and in docs/security.md.
// Env-tunable rows take their value from server/env.ts (validated with a hard cap there); the rest are fixed
// because a different value would weaken a security property rather than fit a deployment.
import { defaultUploadLimits } from "@/grader/contract/file-map-policy";
import { env } from "@/server/env";

export interface RateLimit {
  /** Hits allowed per window. */
  max: number;
  windowMs: number;
  /** Past the limit, the wait doubles from this with each further hit, up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
}

const minute = 60_000;
const hour = 60 * minute;

export const rateLimits = {
  signInPerAddress: { max: 30, windowMs: 15 * minute, backoffMs: minute, maxBackoffMs: 24 * hour },
  signInPerAccountAndAddress: { max: 5, windowMs: 15 * minute, backoffMs: minute, maxBackoffMs: 24 * hour },
  signUpPerAddress: { max: 5, windowMs: hour, backoffMs: 10 * minute, maxBackoffMs: 24 * hour },
  mailPerAddress: { max: 5, windowMs: hour, backoffMs: 10 * minute, maxBackoffMs: 24 * hour },
  mailPerAccount: { max: 3, windowMs: hour, backoffMs: 10 * minute, maxBackoffMs: 24 * hour },
} as const satisfies Record<string, RateLimit>;

export const bodyLimits = {
  /** A grading upload: the files' own limit (the web never accepts more than the shared default) plus room for JSON escaping and the envelope. */
  submission: Math.ceil(defaultUploadLimits.uploadMaxBytes * 1.5) + 64 * 1024,
  /** Progress merge: 100 lessons × 400 marks and 200 quiz attempts fit well inside. */
  merge: 1024 * 1024,
  /** One progress mark, one quiz attempt, an account confirmation. */
  small: 64 * 1024,
  /** An admin's lesson, quiz or exercise draft save, or a lesson preview: a body of up to 400,000 characters (server/authoring/lessons.ts) or an exercise's file sets, JSON-escaped. */
  editor: 2 * 1024 * 1024,
  /** A course archive upload as sent (the built-in course is about 150 KiB compressed); what it expands to is bounded by server/authoring/archive-limits.ts. */
  courseArchive: 10 * 1024 * 1024,
} as const;

export const streamLimits = {
  /** Open SSE streams per user across their tabs; each holds a connection, a DB poll and a hub listener. */
  sseStreamsPerUser: 6,
} as const;

/** The reading pages (catalog, course, lesson) kept compressed in memory in front of Next, least recently read out first. */
export const readingPageCacheBytes = env.READING_PAGE_CACHE_MB * 1024 * 1024;

export interface LimitRow {
  name: string;
  value: string;
  env?: string;
  why: string;
}

const rate = (l: RateLimit) => `${l.max} per ${l.windowMs / minute} min, then waits doubling from ${l.backoffMs / minute} min up to ${l.maxBackoffMs / hour} h`;
const kib = (n: number) => `${Math.round(n / 1024)} KiB`;

export const limitTable: readonly LimitRow[] = [
  { name: "sign-in per client address", value: rate(rateLimits.signInPerAddress), why: "Stops one address trying a common password on many accounts; successful sign-ins are not counted, so a classroom behind one NAT is not blocked." },
  { name: "sign-in per email + address", value: rate(rateLimits.signInPerAccountAndAddress), why: "Stops guessing one account's password, keyed with the address so a stranger cannot lock the owner out." },
  { name: "sign-up per client address", value: rate(rateLimits.signUpPerAddress), why: "Accounts are the unit of the grading limit; unthrottled sign-ups would make that limit bound nobody." },
  { name: "account mail per address / per account", value: `${rate(rateLimits.mailPerAddress)} / ${rate(rateLimits.mailPerAccount)}`, why: "Reset and verification mail cannot be used to flood an inbox or our SMTP quota." },
  { name: "gradings per learner", value: `${env.GRADING_RATE_LIMIT} per ${env.GRADING_RATE_WINDOW_SECONDS} s`, env: "GRADING_RATE_LIMIT, GRADING_RATE_WINDOW_SECONDS", why: "Each grading builds and runs a container on the shared engine." },
  { name: "grading upload body", value: kib(bodyLimits.submission), why: "The grader's file limit plus JSON escaping; read while streaming, after the permission check." },
  { name: "progress merge body", value: kib(bodyLimits.merge), why: "The largest honest browser state is far smaller." },
  { name: "other JSON bodies", value: kib(bodyLimits.small), why: "One mark, one attempt, one confirmation." },
  { name: "editor body (admins: lesson, quiz or exercise draft, preview)", value: kib(bodyLimits.editor), why: "The longest lesson body a revision may hold, or an exercise's spec with its starter, solution and mistake-case files, JSON-escaped." },
  { name: "course archive upload (admins)", value: kib(bodyLimits.courseArchive), why: "Read while streaming, after the permission check; its expansion and entry count are bounded again while it expands." },
  { name: "SSE streams per user", value: String(streamLimits.sseStreamsPerUser), why: "Each open stream holds a connection, a database poll and a listener." },
  { name: "reading-page cache", value: `${env.READING_PAGE_CACHE_MB} MiB`, env: "READING_PAGE_CACHE_MB", why: "Catalog, course and lesson pages kept as bytes for every reader (about 230 KiB per lesson with its gzip and brotli copies); the least recently read go first, and Next renders them again." },
  { name: "trusted proxy hops", value: String(env.TRUSTED_PROXY_HOPS), env: "TRUSTED_PROXY_HOPS", why: "How many X-Forwarded-For entries were written by our own proxies; 0 ignores the header." },
];

/** The table as the README prints it (tests/security/limits-table.test.ts keeps the two the same). */
export function limitTableMarkdown(): string {
  const rows = limitTable.map((r) => `| ${r.name} | ${r.value} | ${r.env ? r.env.split(", ").map((e) => `\`${e}\``).join(", ") : "—"} | ${r.why} |`);
  return ["| limit | value | env | why |", "|---|---|---|---|", ...rows].join("\n");
}
