// The browser's view of who is signed in, fetched once per page load from next-auth's session endpoint (which
// carries id and role). Client components use it to decide between "save to the account" and "keep here".
const roles = ["LEARNER", "INSTRUCTOR", "ADMIN"] as const;

export interface ClientSession {
  user: { id: string; role: (typeof roles)[number]; email?: string | null; name?: string | null };
  /** The staff areas server/authz lets this user open (absent: none). */
  areas?: { admin: boolean; instructor: boolean };
}

// A type guard, not zod: this module is in every page's JavaScript (the header's account menu), and zod was the
// largest part of it. The answer comes from our own session endpoint; the server decides every permission again.
function isClientSession(value: unknown): value is ClientSession {
  const user = typeof value === "object" && value !== null ? (value as { user?: unknown }).user : undefined;
  if (typeof user !== "object" || user === null) return false;
  const { id, role, email, name } = user as Record<string, unknown>;
  const optionalText = (v: unknown) => v === undefined || v === null || typeof v === "string";
  const areas = (value as { areas?: unknown }).areas;
  const areasFit = areas === undefined || (typeof areas === "object" && areas !== null && Object.values(areas).every((v) => typeof v === "boolean"));
  return typeof id === "string" && roles.some((r) => r === role) && optionalText(email) && optionalText(name) && areasFit;
}

let pending: Promise<ClientSession | null> | undefined;
const listeners = new Set<() => void>();

async function fetchSession(): Promise<ClientSession | null> {
  try {
    const response = await fetch("/api/auth/session", { cache: "no-store" });
    if (!response.ok) return null;
    const body: unknown = await response.json();
    return isClientSession(body) ? body : null;
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
