const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * A per-minute series as a text sparkline. Longer series are bucketed (max per bucket) to fit
 * `width`, so a short spike stays visible. Zero is always the lowest bar.
 */
export function sparkline(series: readonly number[], width = 60): string {
  if (series.length === 0) return '';
  const size = Math.ceil(series.length / width);
  const buckets: number[] = [];
  for (let i = 0; i < series.length; i += size) buckets.push(Math.max(...series.slice(i, i + size)));
  const max = Math.max(...buckets);
  return buckets
    .map((v) =>
      max <= 0 || v <= 0 ? BARS[0] : BARS[Math.min(BARS.length - 1, Math.ceil((v / max) * (BARS.length - 1)))],
    )
    .join('');
}
