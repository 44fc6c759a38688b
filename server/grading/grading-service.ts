import "server-only";
// The web process's one dispatcher and event hub, wired to its database and env. Kept on globalThis so dev-mode
// module reloads do not start a second dispatcher that would grade the same submission twice.
import { db } from "@/server/db";
import { env } from "@/server/env";
import { Dispatcher, defaultReconnectDelay } from "@/server/grader-link/dispatcher";
import { graderEndpoint } from "@/server/grader-link/grader-endpoint";
import { EventHub } from "@/server/submissions/event-hub";
import type { GradingLimits } from "@/server/submissions/submission-store";

export interface GradingService {
  dispatcher: Dispatcher;
  hub: EventHub;
  limits: GradingLimits;
}

const holder = globalThis as unknown as { __shipshapeGrading?: Promise<GradingService> };

async function create(): Promise<GradingService> {
  const hub = new EventHub();
  const dispatcher = new Dispatcher({
    db: await db(),
    grader: graderEndpoint,
    hub,
    maxDispatches: 3,
    maxWaitMs: 10 * 60_000,
    reconnectDelayMs: defaultReconnectDelay,
    log: (message, fields) => console.log(JSON.stringify({ level: "info", scope: "grading", message, ...fields })),
    instanceId: env.WEB_INSTANCE_ID,
    lowPrioritySlots: env.GRADING_LOW_PRIORITY_SLOTS,
    leaseMs: 30_000,
  });
  return { dispatcher, hub, limits: { rateLimit: env.GRADING_RATE_LIMIT, rateWindowMs: env.GRADING_RATE_WINDOW_SECONDS * 1000 } };
}

export function gradingService(): Promise<GradingService> {
  holder.__shipshapeGrading ??= create();
  return holder.__shipshapeGrading;
}

/**
 * Called once at web start-up (instrumentation.ts): re-dispatches what a crash left queued or running, then keeps
 * taking over gradings whose instance stopped renewing its claim.
 */
export async function recoverInterruptedGradings(): Promise<void> {
  const { dispatcher } = await gradingService();
  dispatcher.startTakeover();
  await dispatcher.recoverInterrupted();
}
