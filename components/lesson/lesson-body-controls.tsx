"use client";
// Wakes the interactive parts of a server-rendered lesson body: checklist boxes keep their ticks in this browser
// (checklist-store) and, for a signed-in reader, in their account; copy buttons appear and copy their block's code;
// sections left unlaid-out for the first paint are laid out while the page is idle.
import { useEffect } from "react";
import { saveMark } from "@/components/progress/account-sync";
import { parseTicks, readStoredTicks, setTick, subscribeToTicks } from "./checklist-store";

const copiedMessageMs = 2000;

function wakeChecklist(container: HTMLElement, lessonKey: string): () => void {
  const boxes = [...container.querySelectorAll<HTMLInputElement>("[data-checklist-item] > input[type=checkbox]")];
  const itemOf = (box: HTMLInputElement) => box.parentElement?.dataset.checklistItem ?? "";
  const showStored = () => {
    const ticks = parseTicks(readStoredTicks(lessonKey));
    for (const box of boxes) box.checked = ticks.has(itemOf(box));
  };
  const onChange = (event: Event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !boxes.includes(box)) return;
    setTick(lessonKey, itemOf(box), box.checked);
    void saveMark(lessonKey, "checklist-item", itemOf(box), box.checked);
  };
  showStored();
  const unsubscribe = subscribeToTicks(showStored);
  container.addEventListener("change", onChange);
  return () => {
    unsubscribe();
    container.removeEventListener("change", onChange);
  };
}

function wakeCopyButtons(container: HTMLElement): () => void {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const buttons = [...container.querySelectorAll<HTMLButtonElement>("button[data-copy-code]")];
  const copy = async (button: HTMLButtonElement) => {
    const figure = button.closest("figure");
    const status = figure?.querySelector("[role=status]");
    const code = figure?.querySelector("pre code")?.textContent ?? "";
    let message: string;
    try {
      await navigator.clipboard.writeText(code);
      message = "Copied";
    } catch {
      // No clipboard API outside secure contexts, or permission refused.
      message = "Copy failed: select the code and copy it";
    }
    if (!status) return;
    status.textContent = message;
    const timer = setTimeout(() => {
      status.textContent = "";
      timers.delete(timer);
    }, copiedMessageMs);
    timers.add(timer);
  };
  const onClick = (event: Event) => {
    const button = event.target instanceof Element ? event.target.closest("button[data-copy-code]") : null;
    if (button instanceof HTMLButtonElement) void copy(button);
  };
  for (const button of buttons) button.hidden = false;
  container.addEventListener("click", onClick);
  return () => {
    container.removeEventListener("click", onClick);
    for (const timer of timers) clearTimeout(timer);
    for (const button of buttons) button.hidden = true;
  };
}

// The body's sections (server/markdown/wrap-sections.ts) are laid out only near the viewport at first
// (content-visibility in app/globals.css), which keeps a long lesson's first paint cheap on a phone. Left so, the
// page's height would stay an estimate and a smooth jump to a section could stop short: so once the page is idle
// they are laid out, one per idle moment (each a short task), and all at once if the reader follows an in-page
// link before that, so the jump is aimed at real heights (placed-reader.ts covers arriving at an address).
function layOutSectionsWhenIdle(container: HTMLElement): () => void {
  // In document order: a section before the subsections inside it.
  const sections = [...container.querySelectorAll<HTMLElement>(".lesson-section")];
  const idle = (next: () => void) => (typeof window.requestIdleCallback === "function" ? window.requestIdleCallback(next) : window.setTimeout(next, 50));
  const cancel = (handle: number) => (typeof window.cancelIdleCallback === "function" ? window.cancelIdleCallback(handle) : window.clearTimeout(handle));
  const layOut = (section: HTMLElement) => {
    section.dataset.laidOut = "";
  };
  const onInPageLink = (event: MouseEvent) => {
    if (event.target instanceof Element && event.target.closest('a[href^="#"]')) sections.splice(0).forEach(layOut);
  };
  let handle: number;
  const layOutNext = () => {
    const section = sections.shift();
    if (!section) return document.removeEventListener("click", onInPageLink, true);
    layOut(section);
    handle = idle(layOutNext);
  };
  // Capturing: before the browser starts scrolling to the link's target.
  document.addEventListener("click", onInPageLink, true);
  handle = idle(layOutNext);
  return () => {
    cancel(handle);
    document.removeEventListener("click", onInPageLink, true);
  };
}

export function LessonBodyControls({ lessonKey, containerId }: { lessonKey: string; containerId: string }) {
  useEffect(() => {
    const container = document.getElementById(containerId);
    if (!container) return;
    const stopChecklist = wakeChecklist(container, lessonKey);
    const stopCopy = wakeCopyButtons(container);
    const stopLayout = layOutSectionsWhenIdle(container);
    return () => {
      stopChecklist();
      stopCopy();
      stopLayout();
    };
  }, [lessonKey, containerId]);
  return null;
}
