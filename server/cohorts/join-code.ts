// The secret part of a join link. No `server-only`: the demo seed (scripts/prepare-database.ts) makes one too.
import { randomBytes } from "node:crypto";

/** 96 random bits, URL-safe: a link nobody guesses, short enough to read out. */
export function createJoinCode(): string {
  return randomBytes(12).toString("base64url");
}
