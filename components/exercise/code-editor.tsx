"use client";
// CodeMirror 6 for one file at a time; the language follows the file name (Dockerfile via the legacy mode).
// The editor is created once per file and reports changes up; the parent owns the text.
import { useEffect, useRef } from "react";
import { EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from "@codemirror/language";
import { dockerFile } from "@codemirror/legacy-modes/mode/dockerfile";
import { python } from "@codemirror/lang-python";
import { javascript } from "@codemirror/lang-javascript";
import { json } from "@codemirror/lang-json";
import { oneDarkHighlightStyle, oneDarkTheme } from "@codemirror/theme-one-dark";

// One Dark with its two dim colours lifted to a 4.5:1 contrast on its background (comments and line numbers
// #7d8799 → #9da5b4; keywords #c678dd → #d7a0e8 on the active line's lighter background).
const lifted: Record<string, string> = { "#7d8799": "#9da5b4", "#c678dd": "#d7a0e8" };
const readableOneDark: Extension = [
  oneDarkTheme,
  EditorView.theme({ ".cm-gutters .cm-gutterElement": { color: "#9da5b4" } }, { dark: true }),
  syntaxHighlighting(HighlightStyle.define(oneDarkHighlightStyle.specs.map((spec) => (typeof spec.color === "string" && lifted[spec.color] ? { ...spec, color: lifted[spec.color] } : spec)))),
];

function languageFor(path: string): Extension[] {
  const name = path.split("/").at(-1) ?? path;
  if (/^Dockerfile(\..+)?$/i.test(name) || name.endsWith(".dockerfile")) return [StreamLanguage.define(dockerFile)];
  if (name.endsWith(".py")) return [python()];
  if (/\.(m|c)?(j|t)sx?$/.test(name)) return [javascript({ typescript: /\.tsx?$/.test(name), jsx: /x$/.test(name) })];
  if (name.endsWith(".json")) return [json()];
  return [];
}

export interface CodeEditorProps {
  path: string;
  value: string;
  onChange: (text: string) => void;
  /** Ctrl/Cmd+Enter, so grading works without leaving the keyboard. */
  onSubmit: () => void;
  readOnly?: boolean;
  /** Focus the editor once it is made (it replaced a placeholder the reader was reaching for). */
  autoFocus?: boolean;
}

export function CodeEditor({ path, value, onChange, onSubmit, readOnly = false, autoFocus = false }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onChange, onSubmit });
  useEffect(() => {
    callbacks.current = { onChange, onSubmit };
  });

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          keymap.of([{ key: "Mod-Enter", preventDefault: true, run: () => (callbacks.current.onSubmit(), true) }]),
          basicSetup,
          readableOneDark,
          ...languageFor(path),
          EditorState.readOnly.of(readOnly),
          EditorView.contentAttributes.of({ "aria-label": `Editor for ${path}` }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
          }),
          EditorView.theme({ "&": { height: "100%", fontSize: "13px" }, ".cm-scroller": { fontFamily: "ui-monospace, monospace" } }),
        ],
      }),
    });
    view.current = editor;
    if (autoFocus) editor.focus();
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is rebuilt per file; later text changes from outside are synced by the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, readOnly]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div ref={host} className="h-full min-h-[22rem] overflow-hidden rounded-md border border-slate-700" data-testid="code-editor" data-path={path} />;
}
