import { describe, expect, it } from "vitest";
import type { QuizQuestion } from "@/lib/content/quiz-schema";
import { answersSchema } from "./answer";
import { presentQuiz } from "./presentation";
import { scoreQuiz } from "./score";

const questions: QuizQuestion[] = [
  { id: "image-vs-container", kind: "single", prompt: "p", explanation: "e", options: [{ id: "a", text: "A" }, { id: "b", text: "B" }], answer: "b" },
  { id: "ignore", kind: "multiple", prompt: "p", explanation: "e", options: [{ id: "a", text: "A" }, { id: "b", text: "B" }, { id: "c", text: "C" }], answers: ["a", "c"] },
  { id: "steps", kind: "order", prompt: "p", explanation: "e", steps: [{ id: "from", text: "FROM" }, { id: "copy-req", text: "COPY req" }, { id: "pip", text: "RUN pip" }, { id: "copy", text: "COPY ." }] },
  { id: "cache", kind: "spot-the-line", prompt: "p", explanation: "e", lines: ["FROM x", "COPY . .", "RUN pip install"], answer: 2 },
];

describe("scoreQuiz", () => {
  it("scores every kind right when answered right", () => {
    const result = scoreQuiz(questions, {
      "image-vs-container": { kind: "single", choice: "b" },
      ignore: { kind: "multiple", choices: ["c", "a"] },
      steps: { kind: "order", order: ["from", "copy-req", "pip", "copy"] },
      cache: { kind: "spot-the-line", line: 2 },
    });
    expect(result).toMatchObject({ correct: 4, total: 4, score: 1 });
  });

  it("marks partial, duplicated, wrong-kind and missing answers wrong", () => {
    const result = scoreQuiz(questions, {
      "image-vs-container": { kind: "multiple", choices: ["b"] },
      ignore: { kind: "multiple", choices: ["a", "a"] },
      steps: { kind: "order", order: ["from", "pip", "copy-req", "copy"] },
    });
    expect(result.correct).toBe(0);
    expect(result.score).toBe(0);
    expect(result.results).toEqual({ "image-vs-container": false, ignore: false, steps: false, cache: false });
  });

  it("counts a superset of the right choices as wrong", () => {
    expect(scoreQuiz(questions, { ignore: { kind: "multiple", choices: ["a", "b", "c"] } }).results.ignore).toBe(false);
  });
});

describe("presentQuiz", () => {
  it("is stable for a seed and never shows order steps pre-solved", () => {
    for (let seed = 0; seed < 200; seed++) {
      const a = presentQuiz(questions, seed);
      expect(presentQuiz(questions, seed)).toEqual(a);
      expect(a.order.steps).not.toEqual(["from", "copy-req", "pip", "copy"]);
      expect([...(a.order.steps ?? [])].sort()).toEqual(["copy", "copy-req", "from", "pip"]);
    }
  });

  it("reshuffles options across seeds", () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 50; seed++) seen.add(JSON.stringify(presentQuiz(questions, seed).order.ignore));
    expect(seen.size).toBeGreaterThan(3);
  });
});

describe("answersSchema", () => {
  it("rejects answers of unknown shape", () => {
    expect(answersSchema.safeParse({ q: { kind: "single", choice: "a", extra: 1 } }).success).toBe(false);
    expect(answersSchema.safeParse({ q: { kind: "spot-the-line", line: 0 } }).success).toBe(false);
  });
});
