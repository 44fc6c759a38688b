"use client";
// Marks a lesson section as read once the reader reaches its end: when the next section's heading (or the end
// of the article) scrolls into view. Also brings a signed-in reader's account progress into this page.
import { useEffect } from "react";
import { clientSession } from "@/components/account/client-session";
import { addSection, mergedFor, mirrorAccount } from "./browser-progress";
import { loadAccountMarks, mergeBrowserProgress, saveMark } from "./account-sync";

export interface SectionReadTrackerProps {
  /** "<course>/<lesson>" */
  lessonKey: string;
  /** The element holding the lesson body, whose h2 ids are the section keys. */
  containerId: string;
}

export function SectionReadTracker({ lessonKey, containerId }: SectionReadTrackerProps) {
  useEffect(() => {
    const container = document.getElementById(containerId);
    if (!container) return;
    let cancelled = false;

    void (async () => {
      const session = await clientSession();
      if (!session || cancelled) return;
      await mergeBrowserProgress(session.user.id);
      // Until this browser's own progress is safely in the account, it must not be overwritten by the account's.
      if (mergedFor() !== session.user.id) return;
      const marks = await loadAccountMarks(lessonKey);
      if (marks && !cancelled) mirrorAccount(lessonKey, marks);
    })();

    const headings = [...container.querySelectorAll<HTMLHeadingElement>("h2[id]")];
    const end = document.createElement("div");
    end.setAttribute("aria-hidden", "true");
    container.appendChild(end);
    // The section before each marker is done when the marker comes into view.
    const finishes = new Map<Element, string>();
    headings.forEach((heading, i) => {
      const marker = headings[i + 1] ?? end;
      finishes.set(marker, heading.id);
    });
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const sectionId = finishes.get(entry.target);
        if (!entry.isIntersecting || !sectionId) continue;
        observer.unobserve(entry.target);
        if (addSection(lessonKey, sectionId)) void saveMark(lessonKey, "section-read", sectionId, true);
      }
    });
    for (const marker of finishes.keys()) observer.observe(marker);
    return () => {
      cancelled = true;
      observer.disconnect();
      end.remove();
    };
  }, [lessonKey, containerId]);
  return null;
}
