// Server actions answer with a value a form can render instead of throwing: `{ ok: false, error, fields? }`.
import { unstable_rethrow } from "next/navigation";
import { toAppError } from "./to-app-error";

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: string; fields?: Record<string, string> };

export async function runAction<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    // redirect() and notFound() work by throwing; they must reach Next, not the form.
    unstable_rethrow(error);
    const appError = toAppError(error);
    const fields = appError.details?.fields as Record<string, string> | undefined;
    return { ok: false, error: appError.message, code: appError.code, ...(fields ? { fields } : {}) };
  }
}
