"use client";
// One of an exercise's file sets (starter, solution, a mistake case) in the editor learners use on the exercise page:
// the same file tree (add, rename, delete, upload a folder or .zip) and the same CodeMirror editor.
import { useState } from "react";
import { CodeEditor } from "@/components/exercise/code-editor";
import { FileTree } from "@/components/exercise/file-tree";
import type { UploadLimits } from "@/lib/grading/file-rules";

export interface FileSetEditorProps {
  /** Names the set for tests and screen readers ("starter", "solution", "mistake no-user"). */
  name: string;
  files: Record<string, string>;
  onChange: (files: Record<string, string>) => void;
  /** Ctrl/Cmd+Enter in the editor. */
  onSave: () => void;
  readOnly: boolean;
  uploadLimits: UploadLimits;
}

function firstPath(files: Record<string, string>): string | null {
  return "Dockerfile" in files ? "Dockerfile" : (Object.keys(files).sort()[0] ?? null);
}

export function FileSetEditor({ name, files, onChange, onSave, readOnly, uploadLimits }: FileSetEditorProps) {
  const [active, setActive] = useState<string | null>(firstPath(files));
  const shown = active !== null && active in files ? active : firstPath(files);
  const without = (path: string) => Object.fromEntries(Object.entries(files).filter(([p]) => p !== path));
  return (
    <div className="grid gap-3 md:grid-cols-[14rem_1fr]" data-testid={`files-${name}`} aria-label={`${name} files`} role="group">
      <FileTree
        paths={Object.keys(files)}
        active={shown}
        onSelect={setActive}
        onAdd={(path) => {
          if (readOnly) return;
          onChange({ ...files, [path]: "" });
          setActive(path);
        }}
        onRename={(from, to) => {
          if (readOnly) return;
          onChange({ ...without(from), [to]: files[from] ?? "" });
          setActive(to);
        }}
        onDelete={(path) => {
          if (!readOnly) onChange(without(path));
        }}
        onReplaceAll={(next) => {
          if (readOnly) return;
          onChange(next);
          setActive(firstPath(next));
        }}
        uploadLimits={uploadLimits}
      />
      <div className="min-h-64 rounded-md border border-slate-300 dark:border-slate-700" data-testid={`editor-${name}`}>
        {shown === null ? (
          <p className="p-3 text-sm">No files yet: add one.</p>
        ) : (
          <CodeEditor key={`${name}:${shown}`} path={shown} value={files[shown] ?? ""} onChange={(text) => onChange({ ...files, [shown]: text })} onSubmit={onSave} readOnly={readOnly} />
        )}
      </div>
    </div>
  );
}
