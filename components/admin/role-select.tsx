"use client";
// Changes one account's role at once through the API; the server audits it and may refuse (the last admin).
import { useState, useTransition } from "react";
import type { UserRole } from "@/lib/api/answers";
import { webApi } from "@/lib/api/web-api";

const roles: { value: UserRole; label: string }[] = [
  { value: "LEARNER", label: "Learner" },
  { value: "INSTRUCTOR", label: "Instructor" },
  { value: "ADMIN", label: "Admin" },
];

export function RoleSelect({ userId, email, role }: { userId: string; email: string; role: UserRole }) {
  const [current, setCurrent] = useState(role);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  function change(next: UserRole) {
    startTransition(async () => {
      try {
        const updated = await webApi.setUserRole(userId, next);
        setCurrent(updated.role);
        setNote({ ok: true, text: "Saved" });
      } catch (error) {
        setNote({ ok: false, text: error instanceof Error ? error.message : String(error) });
      }
    });
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <select
        aria-label={`Role of ${email}`}
        value={current}
        disabled={pending}
        onChange={(e) => change(e.target.value as UserRole)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
      >
        {roles.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
      {note && (
        <span role={note.ok ? "status" : "alert"} className={note.ok ? "text-sm text-emerald-700 dark:text-emerald-400" : "text-sm text-red-700 dark:text-red-400"}>
          {note.text}
        </span>
      )}
    </div>
  );
}
