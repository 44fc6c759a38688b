"use client";
// Prints a server-rendered body whose HTML is not in the page's RSC payload (see html-hand-off.ts): during
// server-side rendering from the hand-off, in the browser from the document it arrived in. A client-side
// navigation brings no such document, so that page is then loaded whole (reading pages are cached: one request).
import { useEffect, useState } from "react";
import { handedOffHtml } from "./html-hand-off";

export interface StoredHtmlProps {
  id: string;
  className: string;
  /** Content hash of the HTML, marking which body the document holds. */
  htmlKey: string;
}

function initialHtml({ id, htmlKey }: StoredHtmlProps): string | null {
  if (typeof window === "undefined") {
    const html = handedOffHtml(htmlKey);
    // Failing the render keeps an empty body out of the page cache.
    if (html === undefined) throw new Error(`the rendered body ${htmlKey} was not handed to server-side rendering`);
    return html;
  }
  const printed = document.getElementById(id);
  return printed?.dataset.htmlKey === htmlKey ? printed.innerHTML : null;
}

export function StoredHtml(props: StoredHtmlProps) {
  const [html] = useState(() => initialHtml(props));
  useEffect(() => {
    if (html === null) window.location.replace(window.location.href);
  }, [html]);
  return <div id={props.id} className={props.className} data-html-key={props.htmlKey} dangerouslySetInnerHTML={{ __html: html ?? "" }} />;
}
