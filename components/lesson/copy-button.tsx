"use client";
// Copies a code block's exact text. It appears once the page is interactive: without JavaScript it could not
// work, and readers can still select the code by hand.
import { useEffect, useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

type Status = "idle" | "copied" | "failed";

export function CopyButton({ text }: { text: string }) {
  const interactive = useHydrated();
  const [status, setStatus] = useState<Status>("idle");

  useEffect(() => {
    if (status === "idle") return;
    const timer = setTimeout(() => setStatus("idle"), 2000);
    return () => clearTimeout(timer);
  }, [status]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("copied");
    } catch {
      // No clipboard API outside secure contexts, or permission refused.
      setStatus("failed");
    }
  }

  return (
    <span className="flex items-center gap-2">
      <span role="status" aria-live="polite" className="text-xs font-medium text-slate-600 dark:text-slate-300">
        {status === "copied" ? "Copied" : status === "failed" ? "Copy failed: select the code and copy it" : ""}
      </span>
      {interactive && (
        <button
          type="button"
          aria-label="Copy code"
          onClick={copy}
          className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700"
        >
          Copy
        </button>
      )}
    </span>
  );
}
