// The browser's view of who is signed in, fetched once per page load from next-auth's session endpoint (which
// carries id and role). Client components use it to decide between "save to the account" and "keep here".
import { z } from "zod";

const sessionSchema = z.object({
  user: z.object({ id: z.string(), role: z.enum(["LEARNER", "INSTRUCTOR", "ADMIN"]), email: z.string().nullish(), name: z.string().nullish() }),
});

export type ClientSession = z.infer<typeof sessionSchema>;

let pending: Promise<ClientSession | null> | undefined;
const listeners = new Set<() => void>();

async function fetchSession(): Promise<ClientSession | null> {
  try {
    const response = await fetch("/api/auth/session", { cache: "no-store" });
    if (!response.ok) return null;
    const parsed = sessionSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function clientSession(): Promise<ClientSession | null> {
  pending ??= fetchSession();
  return pending;
}

/** After signing in or out: the next caller fetches again, and the header's account menu refreshes. */
export function forgetClientSession(): void {
  pending = undefined;
  for (const listener of listeners) listener();
}

export function onClientSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
