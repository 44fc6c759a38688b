"use client";
// Saves the learner's files a moment after they stop typing: to their account when signed in (so another
// browser opens the same work), to this browser's localStorage otherwise.
import { useEffect, useRef, useState } from "react";
import { webApi } from "@/lib/api/web-api";

export type SaveState = "saved" | "saving" | "unsaved" | "error";

export function localDraftKey(slug: string): string {
  return `shipshape:exercise-draft:${slug}`;
}

export function readLocalDraft(slug: string): Record<string, string> | null {
  try {
    const raw = window.localStorage.getItem(localDraftKey(slug));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return null;
    const entries = Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === "string");
    return Object.fromEntries(entries);
  } catch {
    return null;
  }
}

export function useDraftAutosave(slug: string, files: Record<string, string>, signedIn: boolean, delayMs = 800): SaveState {
  const [state, setState] = useState<SaveState>("saved");
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setState("unsaved");
    const timer = setTimeout(() => {
      if (!signedIn) {
        try {
          window.localStorage.setItem(localDraftKey(slug), JSON.stringify(files));
          setState("saved");
        } catch {
          setState("error");
        }
        return;
      }
      setState("saving");
      webApi.saveDraft(slug, files).then(
        () => setState("saved"),
        () => setState("error"),
      );
    }, delayMs);
    return () => clearTimeout(timer);
  }, [slug, files, signedIn, delayMs]);
  return state;
}
