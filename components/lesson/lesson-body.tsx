// Turns the server-rendered lesson tree into React. Only the interactive pieces (checklist items, copy buttons)
// are client components; everything else is plain HTML that reads without JavaScript.
import type { Root } from "hast";
import { toJsxRuntime, type Components } from "hast-util-to-jsx-runtime";
import type { ComponentProps } from "react";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { ChecklistItem } from "./checklist-item";
import { CodeBlock } from "./code-block";

function attribute(props: object, name: string): string | undefined {
  const value = (props as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

export function LessonBody({ tree, lessonKey }: { tree: Root; lessonKey: string }) {
  const components: Partial<Components> = {
    li: (props: ComponentProps<"li">) => {
      const itemId = attribute(props, "data-checklist-item");
      if (itemId === undefined) return <li {...props} />;
      return (
        <ChecklistItem lessonKey={lessonKey} itemId={itemId}>
          {props.children}
        </ChecklistItem>
      );
    },
    figure: (props: ComponentProps<"figure">) => {
      const code = attribute(props, "data-code");
      if (code === undefined) return <figure {...props} />;
      return (
        <CodeBlock code={code} language={attribute(props, "data-language") ?? "plaintext"} title={attribute(props, "data-title")}>
          {props.children}
        </CodeBlock>
      );
    },
  };
  return <div className="lesson-prose">{toJsxRuntime(tree, { Fragment, jsx, jsxs, components })}</div>;
}
