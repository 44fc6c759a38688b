import "server-only";
// What a hot write path would otherwise look up on every request (a lesson's id by its slugs, a quick test's
// questions), remembered for a short while. Per database client: tests and tools hold several databases in one
// process, and one's rows must never answer for another's.
import { LRUCache } from "lru-cache";
import type { PrismaClient } from "@/generated/prisma/client";

export interface RecentPerDb<V> {
  get(db: PrismaClient, key: string): V | undefined;
  set(db: PrismaClient, key: string, value: V): void;
}

export function recentPerDb<V extends NonNullable<unknown>>(options: { ttlMs: number; max: number }): RecentPerDb<V> {
  const byDb = new WeakMap<PrismaClient, LRUCache<string, V>>();
  const of = (db: PrismaClient) => {
    let recent = byDb.get(db);
    if (!recent) {
      recent = new LRUCache<string, V>({ max: options.max, ttl: options.ttlMs });
      byDb.set(db, recent);
    }
    return recent;
  };
  return { get: (db, key) => of(db).get(key), set: (db, key, value) => void of(db).set(key, value) };
}
