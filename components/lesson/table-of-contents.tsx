"use client";
// The lesson's h2/h3 headings as links, marking the section being read. The links work without JavaScript;
// with it, an IntersectionObserver notices headings crossing a reading line near the top of the viewport, and
// the current section is the last heading above that line.
import { useEffect, useMemo, useRef, useState } from "react";

export interface TocLink {
  id: string;
  text: string;
  depth: 2 | 3;
}

/** Distance from the top of the viewport, in px, that a heading must pass for its section to count as being read. */
const readingLine = 96;

function atPageBottom(): boolean {
  return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 4;
}

function currentSection(ids: string[]): string | null {
  // A section the reader just jumped to stays current while its heading sits at the top, even if the next heading
  // is also above the line (a section with no intro); at the page bottom, where the last sections never reach
  // the line, it stays current while its heading is on screen.
  const target = decodeURIComponent(window.location.hash.slice(1));
  if (ids.includes(target)) {
    const top = document.getElementById(target)?.getBoundingClientRect().top;
    if (top !== undefined && top >= -2 && top <= (atPageBottom() ? window.innerHeight : readingLine)) return target;
  }
  let current: string | null = null;
  for (const id of ids) {
    const heading = document.getElementById(id);
    if (!heading) continue;
    if (heading.getBoundingClientRect().top <= readingLine) current = id;
    else break;
  }
  return current;
}

function useCurrentSection(ids: string[]): string | null {
  const [current, setCurrent] = useState<string | null>(null);
  useEffect(() => {
    const update = () => setCurrent(currentSection(ids));
    // The observed band is the strip above the reading line: a heading crossing the line in either direction
    // enters or leaves it, which is exactly when the current section can change.
    const observer = new IntersectionObserver(update, {
      rootMargin: `0px 0px -${Math.max(0, window.innerHeight - readingLine)}px 0px`,
      threshold: [0, 1],
    });
    for (const id of ids) {
      const heading = document.getElementById(id);
      if (heading) observer.observe(heading);
    }
    update();
    // A jump near the page bottom may end without any heading crossing the line: settle once scrolling stops.
    window.addEventListener("scrollend", update);
    window.addEventListener("hashchange", update);
    return () => {
      observer.disconnect();
      window.removeEventListener("scrollend", update);
      window.removeEventListener("hashchange", update);
    };
  }, [ids]);
  return current;
}

function TocList({ entries, current }: { entries: TocLink[]; current: string | null }) {
  return (
    <ol className="space-y-1 text-sm">
      {entries.map((entry) => {
        const active = entry.id === current;
        return (
          <li key={entry.id} className={entry.depth === 3 ? "pl-4" : undefined}>
            <a
              href={`#${entry.id}`}
              aria-current={active ? "location" : undefined}
              className={`-ml-px block border-l-2 py-1 pl-3 leading-snug ${
                active
                  ? "border-brand-600 font-semibold text-brand-700 dark:border-brand-300 dark:text-brand-300"
                  : "border-transparent text-slate-600 hover:border-slate-400 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white"
              }`}
            >
              {entry.text}
            </a>
          </li>
        );
      })}
    </ol>
  );
}

/** "compact": a collapsible block for phones, above the lesson; "sidebar": a sticky list beside it on wide screens. */
export function TableOfContents({ entries, variant }: { entries: TocLink[]; variant: "compact" | "sidebar" }) {
  const ids = useMemo(() => entries.map((e) => e.id), [entries]);
  const current = useCurrentSection(ids);
  if (variant === "compact") {
    return (
      <details className="mb-8 rounded-lg border border-slate-200 lg:hidden dark:border-slate-800">
        <summary className="cursor-pointer rounded-lg px-4 py-3 text-sm font-semibold">On this page</summary>
        <nav aria-label="On this page" className="border-t border-slate-200 px-2 py-3 dark:border-slate-800">
          <TocList entries={entries} current={current} />
        </nav>
      </details>
    );
  }
  return <SidebarToc entries={entries} current={current} />;
}

/** Sticky beside the lesson and scrollable on its own; keeps the current entry within its visible part. */
function SidebarToc({ entries, current }: { entries: TocLink[]; current: string | null }) {
  const scroller = useRef<HTMLElement>(null);
  useEffect(() => {
    const box = scroller.current;
    const link = current ? box?.querySelector<HTMLElement>(`a[href="#${CSS.escape(current)}"]`) : null;
    if (!box || !link) return;
    // Scrolls only this list (never the window, which may be mid-way through a smooth scroll to the section).
    const top = link.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    if (top < box.scrollTop || top + link.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTop = top - box.clientHeight / 3;
    }
  }, [current]);
  return (
    <nav ref={scroller} aria-label="Table of contents" className="sticky top-6 hidden max-h-[calc(100vh-3rem)] overflow-y-auto pb-6 lg:block">
      <p className="mb-3 text-xs font-semibold uppercase tracking-wider text-slate-600 dark:text-slate-400">On this page</p>
      <div className="border-l border-slate-200 dark:border-slate-800">
        <TocList entries={entries} current={current} />
      </div>
    </nav>
  );
}
