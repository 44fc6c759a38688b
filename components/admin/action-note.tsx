// What an editor's last action did: read out politely when it worked, as an alert when it was refused.
export interface ActionNoteValue {
  ok: boolean;
  text: string;
}

export function ActionNote({ note }: { note: ActionNoteValue | null }) {
  if (!note) return null;
  return (
    <p role={note.ok ? "status" : "alert"} className={note.ok ? "text-sm" : "text-sm text-red-700 dark:text-red-400"}>
      {note.text}
    </p>
  );
}
