// A counter every copy of a module in this process sees. Next bundles server code into more than one module
// instance (its request handler's, each route's), so code that writes content in one and a cache that must forget
// it in another meet only on globalThis.
export interface SharedGeneration {
  current: () => number;
  /** Whatever was kept under an earlier generation is stale from now on. */
  advance: () => void;
}

export function sharedGeneration(name: string): SharedGeneration {
  const key = Symbol.for(`shipshape.${name}.generation`);
  const shared = globalThis as typeof globalThis & Record<symbol, number | undefined>;
  return {
    current: () => shared[key] ?? 0,
    advance: () => void (shared[key] = (shared[key] ?? 0) + 1),
  };
}
