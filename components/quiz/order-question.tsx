"use client";
// Putting steps in order without dragging: each step has Move up / Move down buttons, and a live region says
// where the step went, so it works by keyboard and with a screen reader.
import { useState } from "react";
import { InlineCode } from "./inline-code";

export interface OrderQuestionProps {
  name: string;
  steps: { id: string; text: string }[];
  order: string[];
  onChange: (order: string[]) => void;
  /** After checking: the right order. */
  reveal: string[] | null;
}

export function OrderQuestion({ name, steps, order, onChange, reveal }: OrderQuestionProps) {
  const [announcement, setAnnouncement] = useState("");
  const textOf = (id: string) => steps.find((s) => s.id === id)?.text ?? id;

  function move(index: number, delta: -1 | 1) {
    const target = index + delta;
    if (target < 0 || target >= order.length) return;
    const next = [...order];
    [next[index], next[target]] = [next[target] as string, next[index] as string];
    onChange(next);
    setAnnouncement(`${textOf(order[index] as string)} moved to position ${target + 1} of ${order.length}.`);
  }

  return (
    <>
      <ol className="mt-3 flex flex-col gap-2">
        {order.map((id, index) => {
          const right = reveal ? reveal[index] === id : null;
          return (
            <li
              key={id}
              data-step={id}
              className={`flex items-center gap-3 rounded-md border px-3 py-2 ${right === null ? "border-slate-200 dark:border-slate-700" : right ? "border-emerald-500" : "border-red-400"}`}
            >
              <span className="w-6 text-right font-mono text-sm text-slate-500">{index + 1}.</span>
              <span className="flex-1">
                <InlineCode text={textOf(id)} />
              </span>
              {!reveal && (
                <span className="flex gap-1">
                  <button type="button" onClick={() => move(index, -1)} disabled={index === 0} aria-label={`Move “${textOf(id)}” up`} className="rounded border border-slate-300 px-2 py-0.5 text-sm disabled:opacity-40 dark:border-slate-600">
                    ↑ Up
                  </button>
                  <button type="button" onClick={() => move(index, 1)} disabled={index === order.length - 1} aria-label={`Move “${textOf(id)}” down`} className="rounded border border-slate-300 px-2 py-0.5 text-sm disabled:opacity-40 dark:border-slate-600">
                    ↓ Down
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <p aria-live="polite" className="sr-only" id={`${name}-live`}>
        {announcement}
      </p>
      {reveal && reveal.some((id, i) => order[i] !== id) && (
        <div className="mt-3 text-sm">
          <p className="font-medium">The right order:</p>
          <ol className="ml-6 list-decimal">
            {reveal.map((id) => (
              <li key={id}>
                <InlineCode text={textOf(id)} />
              </li>
            ))}
          </ol>
        </div>
      )}
    </>
  );
}
