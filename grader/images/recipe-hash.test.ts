import { describe, expect, it } from "vitest";
import { canonicalJson, recipeHash } from "./recipe-hash";
import { baseImageRecipes, type BaseImageRecipe } from "./recipes";

const slim = baseImageRecipes.find((r) => r.name === "python:3.11-slim") as BaseImageRecipe;

describe("canonicalJson", () => {
  it("ignores key order at every depth and drops undefined fields", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      canonicalJson({ a: { d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });

  it("keeps array order, which matters for commands", () => {
    expect(canonicalJson(["a", "b"])).not.toBe(canonicalJson(["b", "a"]));
  });
});

describe("recipeHash", () => {
  it("is stable for the same recipe", () => {
    expect(recipeHash(slim)).toBe(recipeHash(structuredClone(slim)));
    expect(recipeHash(slim)).toMatch(/^[0-9a-f]{20}$/);
  });

  it("changes when a package, an env value or a host input changes", () => {
    const base = recipeHash(slim);
    const source = slim.source.kind === "debootstrap" ? slim.source : { kind: "debootstrap" as const, include: [] };
    expect(recipeHash({ ...slim, source: { ...source, include: [...source.include, "wget"] } })).not.toBe(base);
    expect(recipeHash({ ...slim, env: { ...slim.env, LANG: "C" } })).not.toBe(base);
    expect(recipeHash(slim, ["busybox:abc"])).not.toBe(base);
  });

  it("differs between every recipe of the kit", () => {
    const hashes = baseImageRecipes.map((r) => recipeHash(r));
    expect(new Set(hashes).size).toBe(baseImageRecipes.length);
  });
});
