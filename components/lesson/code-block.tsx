import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";

export interface CodeBlockProps {
  code: string;
  language: string;
  title?: string;
  children: ReactNode;
}

/** A highlighted code block with its file name (or language) and a copy button above it. */
export function CodeBlock({ code, language, title, children }: CodeBlockProps) {
  return (
    <figure className="code-block">
      <div className="code-block-bar">
        {title ? (
          <figcaption className="font-mono text-xs font-semibold text-slate-800 dark:text-slate-100">{title}</figcaption>
        ) : (
          <span className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">{language === "plaintext" ? "text" : language}</span>
        )}
        <CopyButton text={code} />
      </div>
      {children}
    </figure>
  );
}
