"use client";
// Build and container output with its ANSI colours, rendered as React text nodes in styled spans: the log is
// untrusted learner output, so it never goes through innerHTML.
import Anser from "anser";
import { useEffect, useMemo, useRef, type CSSProperties } from "react";
import type { LogChunk } from "./grading-progress";

/** Only the tail is rendered: a build log may be a megabyte, the learner reads the end. */
const maxRenderedChunks = 600;

function styleOf(entry: Anser.AnserJsonEntry): CSSProperties {
  const style: CSSProperties = {};
  if (entry.fg) style.color = `rgb(${entry.fg})`;
  if (entry.bg) style.backgroundColor = `rgb(${entry.bg})`;
  if (entry.decorations.includes("bold")) style.fontWeight = 700;
  if (entry.decorations.includes("italic")) style.fontStyle = "italic";
  if (entry.decorations.includes("underline")) style.textDecoration = "underline";
  if (entry.decorations.includes("dim")) style.opacity = 0.7;
  return style;
}

export function AnsiLog({ chunks, label }: { chunks: LogChunk[]; label: string }) {
  const end = useRef<HTMLDivElement>(null);
  const shown = chunks.length > maxRenderedChunks ? chunks.slice(-maxRenderedChunks) : chunks;
  const parsed = useMemo(
    () => shown.map((chunk) => ({ seq: chunk.seq, source: chunk.source, parts: Anser.ansiToJson(chunk.text, { json: true, remove_empty: true }) })),
    [shown],
  );
  // A block body on purpose: recent Chromium returns a Promise from scrollIntoView, and an effect that returns
  // anything but a cleanup function crashes React when the effect re-runs.
  useEffect(() => {
    void end.current?.scrollIntoView({ block: "nearest" });
  }, [parsed.length]);
  return (
    <div role="log" aria-label={label} aria-live="off" className="max-h-80 overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-200">
      {chunks.length > shown.length && <div className="text-slate-500">… {chunks.length - shown.length} earlier chunks not shown …</div>}
      {parsed.length === 0 && <div className="text-slate-500">No output yet.</div>}
      <pre className="whitespace-pre-wrap break-words">
        {parsed.map((chunk) => (
          <span key={chunk.seq} data-source={chunk.source} className={chunk.source === "container" ? "border-l-2 border-sky-700 pl-1" : undefined}>
            {chunk.parts.map((part, i) => (
              <span key={i} style={styleOf(part)}>
                {part.content}
              </span>
            ))}
          </span>
        ))}
      </pre>
      <div ref={end} />
    </div>
  );
}
