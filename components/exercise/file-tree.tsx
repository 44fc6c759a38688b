"use client";
// The exercise's files as a flat, folder-sorted list: pick one to edit, add, rename or delete, or replace them
// all with an uploaded folder or .zip. Names are checked with the server's rules as they are typed.
import { useState, type FormEvent } from "react";
import { pathProblem, type UploadLimits } from "@/lib/grading/file-rules";
import { readFolder, readZip, type UploadResult } from "./file-upload";

// At least 24 by 24 px (WCAG 2.5.8): these sit side by side and a phone's tap must land on the right one.
const iconButton = "inline-flex h-6 min-w-6 items-center justify-center rounded text-xs text-slate-600 dark:text-slate-300";

export interface FileTreeProps {
  paths: string[];
  active: string | null;
  onSelect: (path: string) => void;
  onAdd: (path: string) => void;
  onRename: (from: string, to: string) => void;
  onDelete: (path: string) => void;
  onReplaceAll: (files: Record<string, string>) => void;
  uploadLimits: UploadLimits;
}

type Editing = { mode: "add" } | { mode: "rename"; from: string } | null;

export function FileTree({ paths, active, onSelect, onAdd, onRename, onDelete, onReplaceAll, uploadLimits }: FileTreeProps) {
  const [editing, setEditing] = useState<Editing>(null);
  const [name, setName] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  // By code unit, as `ls` sorts in the C locale: localeCompare would set up the browser's collator on the first
  // render (about 20 ms of the exercise page's start on a fast machine), and could order differently on the server.
  const sorted = [...paths].sort((a, b) => {
    const depth = a.split("/").length - b.split("/").length;
    return depth !== 0 ? depth : a < b ? -1 : a > b ? 1 : 0;
  });
  const nameProblem = name ? (pathProblem(name) ?? (paths.includes(name) && name !== (editing?.mode === "rename" ? editing.from : "") ? `"${name}" already exists.` : null)) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name || nameProblem || !editing) return;
    if (editing.mode === "add") onAdd(name);
    else onRename(editing.from, name);
    setEditing(null);
    setName("");
  }

  async function upload(result: Promise<UploadResult>) {
    const outcome = await result;
    if (outcome.ok) {
      setProblems([]);
      onReplaceAll(outcome.files);
    } else setProblems(outcome.problems);
  }

  return (
    <div className="flex flex-col gap-2 text-sm">
      <ul aria-label="Files" className="flex flex-col">
        {sorted.map((path) => (
          <li key={path} className="group flex items-center gap-1">
            <button
              type="button"
              onClick={() => onSelect(path)}
              aria-current={path === active ? "true" : undefined}
              className={`min-w-0 flex-1 truncate rounded px-2 py-1 text-left font-mono ${path === active ? "bg-brand-100 text-brand-900 dark:bg-brand-900 dark:text-brand-100" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
              style={{ paddingLeft: `${0.5 + (path.split("/").length - 1) * 0.75}rem` }}
            >
              {path}
            </button>
            <button type="button" aria-label={`Rename ${path}`} onClick={() => (setEditing({ mode: "rename", from: path }), setName(path))} className={`${iconButton} hover:text-slate-900 dark:hover:text-white`}>
              ✎
            </button>
            <button type="button" aria-label={`Delete ${path}`} onClick={() => onDelete(path)} className={`${iconButton} hover:text-red-700`}>
              ✕
            </button>
          </li>
        ))}
      </ul>
      {editing ? (
        <form onSubmit={submit} className="flex flex-col gap-1">
          <label className="text-xs font-medium" htmlFor="file-name">
            {editing.mode === "add" ? "New file name" : `Rename ${editing.from} to`}
          </label>
          <input
            id="file-name"
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={nameProblem ? true : undefined}
            aria-describedby="file-name-problem"
            className="rounded border border-slate-300 px-2 py-1 font-mono dark:border-slate-600 dark:bg-slate-900"
            placeholder="src/app.py"
          />
          {nameProblem && (
            <p id="file-name-problem" className="text-xs text-red-700 dark:text-red-400">
              {nameProblem}
            </p>
          )}
          <div className="flex gap-2">
            <button type="submit" disabled={!name || Boolean(nameProblem)} className="rounded bg-brand-600 px-2 py-1 text-white disabled:opacity-50">
              {editing.mode === "add" ? "Add" : "Rename"}
            </button>
            <button type="button" onClick={() => (setEditing(null), setName(""))} className="rounded px-2 py-1">
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="flex flex-wrap gap-2">
          <button type="button" onClick={() => (setEditing({ mode: "add" }), setName(""))} className="rounded border border-slate-300 px-2 py-1 dark:border-slate-600">
            New file
          </button>
          <label className="cursor-pointer rounded border border-slate-300 px-2 py-1 dark:border-slate-600">
            Upload folder
            <input
              type="file"
              className="sr-only"
              // webkitdirectory is not in React's types; every current browser supports it.
              {...{ webkitdirectory: "", directory: "" }}
              multiple
              onChange={(e) => e.target.files && void upload(readFolder(e.target.files, uploadLimits))}
            />
          </label>
          <label className="cursor-pointer rounded border border-slate-300 px-2 py-1 dark:border-slate-600">
            Upload .zip
            <input type="file" accept=".zip,application/zip" className="sr-only" onChange={(e) => e.target.files?.[0] && void upload(readZip(e.target.files[0], uploadLimits))} />
          </label>
        </div>
      )}
      {problems.length > 0 && (
        <ul className="list-disc rounded border border-red-300 bg-red-50 p-2 pl-6 text-xs text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200" aria-label="Upload problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
