"use client";
// A Compose project's services as the grader brings them up: each one's state (building → starting → healthy, or
// where it stopped) and its own output, so a learner sees which service held the others back.
import type { ComposeServiceState } from "@/lib/grading/submission-events";
import { AnsiLog } from "./ansi-log";
import type { ServiceView } from "./grading-progress";

const stateStyle: Record<ComposeServiceState, string> = {
  building: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
  built: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
  starting: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  restarting: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  running: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  healthy: "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100",
  unhealthy: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  exited: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
};

export function ComposeServices({ services }: { services: ServiceView[] }) {
  if (services.length === 0) return null;
  return (
    <section aria-label="Compose services" className="flex flex-col gap-3">
      <h3 className="text-sm font-semibold">Services</h3>
      <ul className="grid gap-3 lg:grid-cols-2">
        {services.map((service) => (
          <li key={service.name} data-testid="compose-service" data-service={service.name} data-state={service.state} className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 dark:border-slate-700">
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-mono font-semibold">{service.name}</span>
              <span className={`rounded px-2 py-0.5 text-xs font-medium ${stateStyle[service.state]}`}>{service.state}</span>
              {service.detail && <span className="text-xs text-slate-600 dark:text-slate-400">{service.detail}</span>}
            </p>
            <AnsiLog chunks={service.logs.map((l) => ({ seq: l.seq, source: "container" as const, text: l.text }))} label={`Output of ${service.name}`} />
          </li>
        ))}
      </ul>
    </section>
  );
}
