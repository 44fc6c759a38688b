import type { ReactNode } from "react";

export function AuthCard({ title, intro, children }: { title: string; intro: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
      <p className="mt-3 text-slate-700 dark:text-slate-300">{intro}</p>
      <div className="mt-8 rounded-lg border border-slate-200 p-6 shadow-sm dark:border-slate-800">{children}</div>
    </div>
  );
}
