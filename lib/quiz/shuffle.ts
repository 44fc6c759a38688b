// Seeded shuffling, so the server render and the browser's first render agree (same seed → same order) and a
// retry can reshuffle with a fresh seed.
export function seededRandom(seed: number): () => number {
  // mulberry32: tiny, fast and good enough for arranging quiz options.
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashSeed(text: string, salt = 0): number {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

/** A shuffle that never returns the original order (for order questions, which would otherwise come pre-solved). */
export function shuffleAwayFromOriginal<T>(items: readonly T[], random: () => number): T[] {
  const out = shuffle(items, random);
  if (out.length > 1 && out.every((x, i) => x === items[i])) out.push(out.shift() as T);
  return out;
}
