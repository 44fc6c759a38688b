"use client";
// Single and multiple choice (and spot-the-line, whose choices are the lines): native radios and checkboxes,
// so the keyboard works as everywhere else on the web.
import type { ReactNode } from "react";

export interface Choice {
  id: string;
  label: ReactNode;
}

export interface ChoiceQuestionProps {
  name: string;
  choices: Choice[];
  multiple: boolean;
  selected: string[];
  onChange: (selected: string[]) => void;
  /** After checking: which choices were right, to mark them. */
  reveal: Set<string> | null;
  mono?: boolean;
}

export function ChoiceQuestion({ name, choices, multiple, selected, onChange, reveal, mono }: ChoiceQuestionProps) {
  return (
    <ul className="mt-3 flex flex-col gap-2">
      {choices.map((choice) => {
        const id = `${name}-${choice.id}`;
        const checked = selected.includes(choice.id);
        const right = reveal?.has(choice.id);
        const tone = reveal ? (right ? "border-emerald-500 bg-emerald-50 dark:bg-emerald-950" : checked ? "border-red-400 bg-red-50 dark:bg-red-950" : "border-slate-200 dark:border-slate-700") : "border-slate-200 dark:border-slate-700";
        return (
          <li key={choice.id}>
            <label htmlFor={id} className={`flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2 ${tone}`}>
              <input
                id={id}
                type={multiple ? "checkbox" : "radio"}
                name={name}
                value={choice.id}
                checked={checked}
                disabled={reveal !== null}
                onChange={(e) => onChange(multiple ? (e.target.checked ? [...selected, choice.id] : selected.filter((s) => s !== choice.id)) : [choice.id])}
                className="mt-1"
              />
              <span className={mono ? "whitespace-pre font-mono text-sm" : undefined}>{choice.label}</span>
              {reveal && right && <span className="ml-auto text-sm font-medium text-emerald-700 dark:text-emerald-300">correct</span>}
            </label>
          </li>
        );
      })}
    </ul>
  );
}
