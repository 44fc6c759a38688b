// One web instance's grading side as its own process: the web's Dispatcher on a PostgreSQL database shared with
// the other instances, taking up every submission no live instance holds (what `recoverInterrupted` and the
// takeover sweep do in the web; here it also stands in for the route that dispatches a new submission, so
// instances race each other for every claim). Started by web-instance.ts; args are one JSON object.
import { openDb } from "@/server/db-client";
import { Dispatcher, defaultReconnectDelay } from "@/server/grader-link/dispatcher";
import { EventHub } from "@/server/submissions/event-hub";

export interface WebInstanceArgs {
  databaseUrl: string;
  graderUrl: string;
  graderToken: string;
  instanceId: string;
  leaseMs: number;
  /** How often it looks for unclaimed submissions. */
  pollMs: number;
  streamIdleMs: number;
}

const args = JSON.parse(process.argv[2] ?? "{}") as WebInstanceArgs;
// The web's own way of opening PostgreSQL, so a database restart meets the same pool and adapter as in production.
const { prisma } = await openDb({ kind: "postgres", url: args.databaseUrl });
const log = (message: string, fields?: Record<string, unknown>) => process.stderr.write(`[${args.instanceId}] ${message} ${fields ? JSON.stringify(fields) : ""}\n`);
const dispatcher = new Dispatcher({
  db: prisma,
  grader: { url: args.graderUrl, token: args.graderToken, streamIdleMs: args.streamIdleMs },
  hub: new EventHub(),
  maxDispatches: 3,
  maxWaitMs: 120_000,
  reconnectDelayMs: defaultReconnectDelay,
  log,
  instanceId: args.instanceId,
  leaseMs: args.leaseMs,
  lowPrioritySlots: 1,
});

dispatcher.startTakeover();
// The database may be restarting: a failed look is simply tried again at the next tick.
setInterval(() => void dispatcher.recoverInterrupted().catch(() => undefined), args.pollMs);
process.stdout.write("ready\n");
