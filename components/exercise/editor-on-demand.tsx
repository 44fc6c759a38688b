"use client";
// CodeMirror is most of the exercise page's script (about 560 KB): evaluated while the page loads, it held the main
// thread for about a second on a phone-class CPU (Lighthouse's total blocking time). Until the reader does anything at
// all — moves the pointer, touches, presses a key, scrolls or tabs — the file is shown as plain text in the editor's
// place and size; the editor loads on that first sign of life and takes the focus if the reader was reaching for it.
import { useEffect, useState, type ComponentType } from "react";
import type { CodeEditorProps } from "./code-editor";

const wakeEvents = ["pointermove", "pointerdown", "touchstart", "keydown", "wheel", "scroll", "focusin"] as const;

export function EditorOnDemand(props: CodeEditorProps) {
  const [Editor, setEditor] = useState<ComponentType<CodeEditorProps> | null>(null);
  // The file whose placeholder the reader reached for: its editor takes the focus, those of other files do not.
  const [reachedFor, setReachedFor] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const arm = () => wakeEvents.forEach((name) => window.addEventListener(name, wake, { capture: true, passive: true }));
    const disarm = () => wakeEvents.forEach((name) => window.removeEventListener(name, wake, true));
    // A failed load (a network blip) is tried again at the reader's next move.
    function wake() {
      disarm();
      import("./code-editor").then(
        (m) => live && setEditor(() => m.CodeEditor),
        () => live && arm(),
      );
    }
    arm();
    return () => {
      live = false;
      disarm();
    };
  }, []);

  if (Editor) return <Editor {...props} autoFocus={reachedFor === props.path} />;
  return (
    <pre
      tabIndex={0}
      role="textbox"
      aria-multiline="true"
      aria-readonly="true"
      aria-label={`${props.path} (the editor opens as soon as you start)`}
      data-testid="editor-placeholder"
      onPointerDown={() => setReachedFor(props.path)}
      onFocus={() => setReachedFor(props.path)}
      className="h-full min-h-[22rem] overflow-auto rounded-md border border-slate-700 bg-[#282c34] p-3 font-mono text-[13px] leading-[1.4] text-[#abb2bf]"
    >
      {props.value}
    </pre>
  );
}
