// The exercise page shows its files as plain text until the reader's first move, then loads CodeMirror
// (components/exercise/editor-on-demand.tsx). A test moves the pointer over the editor's place, as a reader would.
import { expect, type Page } from "@playwright/test";

export async function openEditor(page: Page): Promise<void> {
  await page.getByTestId("editor-placeholder").or(page.getByTestId("code-editor")).first().hover();
  await expect(page.getByTestId("code-editor")).toBeVisible();
}
