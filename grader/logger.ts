// The grader's root logger; each grading logs through a child carrying its ids (house style "A grading is a state
// machine").
import pino, { type Logger } from "pino";

export function createLogger(level: string, destination: "stdout" | "stderr" = "stdout"): Logger {
  return pino({ level, base: { service: "grader" } }, pino.destination(destination === "stdout" ? 1 : 2));
}
