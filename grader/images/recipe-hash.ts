// The identity of a stand-in image: a hash of its recipe, the kit version and whatever the host contributes
// (e.g. the busybox binary). Stored as a label, so a re-run only has to compare labels to know it has nothing to do.
import { createHash } from "node:crypto";
import { debianSuite, kitVersion, type BaseImageRecipe } from "./recipes";

/** JSON with object keys sorted at every depth, so equal recipes hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function recipeHash(recipe: BaseImageRecipe, hostInputs: readonly string[] = []): string {
  const input = canonicalJson({ kitVersion, suite: debianSuite, recipe, hostInputs });
  return createHash("sha256").update(input).digest("hex").slice(0, 20);
}
