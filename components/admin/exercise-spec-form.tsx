"use client";
// The exercise spec as a form: the fields learners see (title, summary, task, checklist), how the app is run and
// probed (port, probe, greeting), and the checks picked from the grader's catalogue, each required or a tip, with its
// hint. The parent checks the whole draft with the grader's own schema on every change and hands the problems back.
import { useState } from "react";
import { catalogueChecks, type ExerciseSpec } from "@/lib/authoring/exercise-draft";

const input = "w-full rounded-md border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900";

export interface ExerciseSpecFormProps {
  spec: ExerciseSpec;
  onChange: (spec: ExerciseSpec) => void;
  readOnly: boolean;
  /** Problems by dotted field ("spec.probe.path"), from the draft's schema. */
  problems: Record<string, string>;
}

function Problem({ of, problems }: { of: string; problems: Record<string, string> }) {
  const found = Object.entries(problems).filter(([field]) => field === of || field.startsWith(`${of}.`));
  if (!found.length) return null;
  return (
    <span className="block text-xs text-red-700 dark:text-red-400" data-testid={`problem-${of}`}>
      {found.map(([field, message]) => `${field.replace(/^spec\./, "")}: ${message}`).join("; ")}
    </span>
  );
}

export function ExerciseSpecForm({ spec, onChange, readOnly, problems }: ExerciseSpecFormProps) {
  const [checklistText, setChecklistText] = useState(spec.checklist.join("\n"));
  const [jsonText, setJsonText] = useState(spec.probe.expect.json ? JSON.stringify(spec.probe.expect.json) : "");
  const [jsonProblem, setJsonProblem] = useState<string | null>(null);
  const set = (next: Partial<ExerciseSpec>) => onChange({ ...spec, ...next });
  const listed = new Map(spec.checks.map((c) => [c.id, c]));
  const unlisted = catalogueChecks.filter((c) => !listed.has(c.id));
  const titleOf = new Map(catalogueChecks.map((c) => [c.id, c.title]));

  return (
    <fieldset className="flex flex-col gap-3" disabled={readOnly} aria-label="Exercise spec">
      <label className="text-sm">
        Title
        <input className={input} value={spec.title} onChange={(e) => set({ title: e.target.value })} />
        <Problem of="spec.title" problems={problems} />
      </label>
      <label className="text-sm">
        Summary
        <input className={input} value={spec.summary} onChange={(e) => set({ summary: e.target.value })} />
        <Problem of="spec.summary" problems={problems} />
      </label>
      <label className="text-sm">
        Task (Markdown)
        <textarea className={input} rows={4} value={spec.task} onChange={(e) => set({ task: e.target.value })} />
        <Problem of="spec.task" problems={problems} />
      </label>
      <label className="text-sm">
        Checklist (one item per line)
        <textarea
          className={input}
          rows={3}
          value={checklistText}
          onChange={(e) => {
            setChecklistText(e.target.value);
            set({ checklist: e.target.value.split("\n").map((l) => l.trim()).filter(Boolean) });
          }}
        />
        <Problem of="spec.checklist" problems={problems} />
      </label>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="text-sm">
          Port (or &quot;expose&quot;)
          <input
            className={input}
            value={String(spec.app.port)}
            onChange={(e) => set({ app: { ...spec.app, port: e.target.value === "expose" ? "expose" : Number(e.target.value) } })}
          />
          <Problem of="spec.app" problems={problems} />
        </label>
        <label className="text-sm">
          Probe path
          <input className={input} value={spec.probe.path} onChange={(e) => set({ probe: { ...spec.probe, path: e.target.value } })} />
        </label>
        <label className="text-sm">
          Expected status
          <input
            className={input}
            type="number"
            value={Number.isNaN(spec.probe.expect.status) ? "" : spec.probe.expect.status}
            onChange={(e) => set({ probe: { ...spec.probe, expect: { ...spec.probe.expect, status: e.target.valueAsNumber } } })}
          />
        </label>
      </div>
      <label className="text-sm">
        Expected JSON (a subset of the answer; &quot;$GREETING&quot; stands for the run&apos;s value)
        <input
          className={input}
          value={jsonText}
          onChange={(e) => {
            setJsonText(e.target.value);
            const { json: _, ...expect } = spec.probe.expect;
            if (!e.target.value.trim()) {
              setJsonProblem(null);
              return set({ probe: { ...spec.probe, expect } });
            }
            try {
              const parsed: unknown = JSON.parse(e.target.value);
              if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("an object, like {\"msg\": \"$GREETING\"}");
              setJsonProblem(null);
              set({ probe: { ...spec.probe, expect: { ...expect, json: parsed as Record<string, unknown> } } });
            } catch (error) {
              setJsonProblem(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
            }
          }}
        />
        {jsonProblem && <span className="block text-xs text-red-700 dark:text-red-400">{jsonProblem}</span>}
        <Problem of="spec.probe" problems={problems} />
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={spec.greeting !== undefined}
          onChange={(e) => {
            const { greeting: _, ...rest } = spec;
            onChange(e.target.checked ? { ...rest, greeting: { env: "GREETING", path: "/", jsonField: "msg" } } : rest);
          }}
        />
        Greeting: the answer changes with an environment variable (for env-greeting)
      </label>
      {spec.greeting && (
        <div className="grid gap-3 sm:grid-cols-3">
          <label className="text-sm">
            Variable
            <input className={input} value={spec.greeting.env} onChange={(e) => spec.greeting && set({ greeting: { ...spec.greeting, env: e.target.value } })} />
          </label>
          <label className="text-sm">
            Path
            <input className={input} value={spec.greeting.path} onChange={(e) => spec.greeting && set({ greeting: { ...spec.greeting, path: e.target.value } })} />
          </label>
          <label className="text-sm">
            JSON field
            <input className={input} value={spec.greeting.jsonField} onChange={(e) => spec.greeting && set({ greeting: { ...spec.greeting, jsonField: e.target.value } })} />
          </label>
        </div>
      )}
      <Problem of="spec.greeting" problems={problems} />
      <Problem of="spec.sizeBaselines" problems={problems} />
      <div>
        <h3 className="text-sm font-semibold">Checks (from the grader&apos;s catalogue)</h3>
        <Problem of="spec.checks" problems={problems} />
        <table className="mt-1 w-full text-sm">
          <thead>
            <tr className="text-left">
              <th className="pr-2">Check</th>
              <th className="pr-2">Required</th>
              <th>Hint for the learner</th>
            </tr>
          </thead>
          <tbody>
            {spec.checks.map((check, i) => (
              <tr key={check.id} data-testid={`check-${check.id}`}>
                <td className="pr-2">
                  <label className="flex items-center gap-1">
                    <input type="checkbox" checked onChange={() => set({ checks: spec.checks.filter((c) => c.id !== check.id) })} aria-label={`Use ${check.id}`} />
                    <code title={titleOf.get(check.id)}>{check.id}</code>
                  </label>
                </td>
                <td className="pr-2">
                  <input
                    type="checkbox"
                    checked={check.required}
                    aria-label={`${check.id} required`}
                    onChange={(e) => set({ checks: spec.checks.map((c, j) => (j === i ? { ...c, required: e.target.checked } : c)) })}
                  />
                </td>
                <td>
                  <input className={input} value={check.hint} aria-label={`${check.id} hint`} onChange={(e) => set({ checks: spec.checks.map((c, j) => (j === i ? { ...c, hint: e.target.value } : c)) })} />
                </td>
              </tr>
            ))}
            {unlisted.map((check) => (
              <tr key={check.id} data-testid={`check-${check.id}`} className="text-slate-500">
                <td className="pr-2" colSpan={3}>
                  <label className="flex items-center gap-1">
                    <input type="checkbox" checked={false} aria-label={`Use ${check.id}`} onChange={() => set({ checks: [...spec.checks, { id: check.id, required: true, hint: check.title }] })} />
                    <code>{check.id}</code> — {check.title}
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}
