/**
 * The demo's own incident graph: the local emulator has no CloudWatch GetMetricWidgetImage, so
 * the demo draws the per-minute 5XX counts the diagnosis read (with the onset marked and the
 * alarm threshold as a line) as an SVG image, and the page says so.
 */
export interface GraphInput {
  readonly title: string;
  /** Per-minute 5XX counts, oldest first. */
  readonly series: readonly number[];
  /** Index of the onset minute, when known. */
  readonly onsetIndex?: number;
  readonly threshold?: number;
}

const W = 560;
const H = 180;
const PAD = { left: 40, right: 10, top: 24, bottom: 24 };

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function incidentGraphSvg(input: GraphInput): string {
  const n = Math.max(input.series.length, 1);
  const max = Math.max(1, ...input.series, input.threshold ?? 0);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const barW = plotW / n;
  const y = (v: number): number => PAD.top + plotH - (v / max) * plotH;
  const bars = input.series
    .map((v, i) => {
      const top = y(v);
      return `<rect x="${(PAD.left + i * barW + 1).toFixed(1)}" y="${top.toFixed(1)}" width="${Math.max(barW - 2, 1).toFixed(1)}" height="${(PAD.top + plotH - top).toFixed(1)}" fill="#e01e5a"/>`;
    })
    .join('');
  const threshold =
    input.threshold === undefined
      ? ''
      : `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(input.threshold).toFixed(1)}" y2="${y(input.threshold).toFixed(1)}" stroke="#1264a3" stroke-dasharray="4 3"/><text x="${W - PAD.right}" y="${(y(input.threshold) - 3).toFixed(1)}" text-anchor="end" font-size="10" fill="#1264a3">threshold ${input.threshold}</text>`;
  const onset =
    input.onsetIndex === undefined
      ? ''
      : `<line x1="${(PAD.left + input.onsetIndex * barW).toFixed(1)}" x2="${(PAD.left + input.onsetIndex * barW).toFixed(1)}" y1="${PAD.top}" y2="${PAD.top + plotH}" stroke="#2eb67d" stroke-width="2"/><text x="${(PAD.left + input.onsetIndex * barW + 3).toFixed(1)}" y="${PAD.top + 10}" font-size="10" fill="#2eb67d">onset</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif"><rect width="${W}" height="${H}" fill="#fff"/><text x="${PAD.left}" y="15" font-size="12" font-weight="bold">${esc(input.title)}</text><text x="${PAD.left - 4}" y="${PAD.top + 8}" font-size="10" text-anchor="end">${max}</text><text x="${PAD.left - 4}" y="${PAD.top + plotH}" font-size="10" text-anchor="end">0</text><line x1="${PAD.left}" x2="${W - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}" stroke="#999"/>${bars}${threshold}${onset}<text x="${PAD.left}" y="${H - 6}" font-size="10" fill="#616061">5XX per minute over ${input.series.length} min</text></svg>`;
}

/** As an <img> data URL (what the page embeds). */
export function incidentGraphDataUrl(input: GraphInput): string {
  return `data:image/svg+xml;base64,${Buffer.from(incidentGraphSvg(input)).toString('base64')}`;
}
