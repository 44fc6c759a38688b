// Prometheus metrics of one grader process, on its own registry so tests can create several graders.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    gradings: new Counter({ name: "grader_gradings_total", help: "Gradings finished, by verdict status", labelNames: ["status"], registers: [registry] }),
    rejected: new Counter({ name: "grader_rejected_total", help: "Requests refused before grading, by reason", labelNames: ["reason"], registers: [registry] }),
    duration: new Histogram({ name: "grader_grading_seconds", help: "Wall time of a grading, queue excluded", buckets: [1, 2, 5, 10, 20, 40, 80, 160, 300], registers: [registry] }),
    queued: new Gauge({ name: "grader_queue_depth", help: "Gradings waiting for a slot", registers: [registry] }),
    running: new Gauge({ name: "grader_running", help: "Gradings running now", registers: [registry] }),
  };
}

export type GraderMetrics = ReturnType<typeof createMetrics>;
