// The grader's root logger; each grading logs through a child carrying its ids (STYLE §10).
import pino, { type Logger } from "pino";

export function createLogger(level: string, destination: "stdout" | "stderr" = "stdout"): Logger {
  return pino({ level, base: { service: "grader" } }, pino.destination(destination === "stdout" ? 1 : 2));
}
