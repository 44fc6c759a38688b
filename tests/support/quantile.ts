// The nearest-rank quantile the benchmarks and the fault suite report (p50, p95): a value that was measured, never
// one interpolated between two.
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
