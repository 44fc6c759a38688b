// Quiz prompts and options are plain text with `backtick` code spans, as authors write them in quiz.yaml. The text
// between code spans stays bare text: an element around each would be one more for the page to hydrate.
export function InlineCode({ text }: { text: string }) {
  const parts = text.split("`");
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.9em] dark:bg-slate-800">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}
