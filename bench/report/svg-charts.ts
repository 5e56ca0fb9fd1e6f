// Two small chart kinds as self-contained SVG (no chart library, nothing fetched): lines on a log-x
// axis for latency against catalog size, grouped bars for relevance per mode.

export interface Series {
  name: string;
  color: string;
  dashed?: boolean;
  points: { x: number; y: number }[];
}

const W = 720;
const H = 400;
const PAD = { left: 64, right: 190, top: 48, bottom: 56 };
const FONT = 'font-family="DejaVu Sans, Arial, sans-serif"';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((m) => m >= v) ?? 10 * p;
}

function frame(title: string, yLabel: string, yMax: number, body: string, legend: string): string {
  const plotH = H - PAD.top - PAD.bottom;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const y = PAD.top + plotH * (1 - f);
    const label = Number((yMax * f).toPrecision(3));
    return `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#e5e7eb"/><text x="${PAD.left - 8}" y="${y + 4}" text-anchor="end" font-size="12" fill="#374151">${label}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ${FONT}>
<rect width="${W}" height="${H}" fill="white"/>
<text x="${PAD.left}" y="28" font-size="16" font-weight="bold" fill="#111827">${esc(title)}</text>
${ticks.join('\n')}
<text transform="translate(18 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="12" fill="#374151">${esc(yLabel)}</text>
${body}
${legend}
</svg>`;
}

function legendBlock(items: { name: string; color: string; dashed?: boolean }[]): string {
  return items
    .map((s, i) => {
      const y = PAD.top + 8 + i * 22;
      const x = W - PAD.right + 16;
      return `<line x1="${x}" x2="${x + 24}" y1="${y}" y2="${y}" stroke="${s.color}" stroke-width="3"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/><text x="${x + 32}" y="${y + 4}" font-size="12" fill="#111827">${esc(s.name)}</text>`;
    })
    .join('\n');
}

/** Lines over a log-scaled x axis (catalog sizes), y from 0. */
export function lineChart(
  title: string,
  yLabel: string,
  series: Series[],
  xLabel: (x: number) => string,
): string {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  const yMax = niceMax(Math.max(...series.flatMap((s) => s.points.map((p) => p.y)), 0));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const lo = Math.log10(xs[0] ?? 1);
  const hi = Math.log10(xs[xs.length - 1] ?? 10);
  const px = (x: number) => PAD.left + (hi > lo ? ((Math.log10(x) - lo) / (hi - lo)) * plotW : plotW / 2);
  const py = (y: number) => PAD.top + plotH * (1 - y / yMax);
  const axis = xs
    .map(
      (x) =>
        `<text x="${px(x)}" y="${H - PAD.bottom + 20}" text-anchor="middle" font-size="12" fill="#374151">${esc(xLabel(x))}</text>`,
    )
    .join('\n');
  const lines = series
    .map((s) => {
      const pts = s.points.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
      const dots = s.points
        .map((p) => `<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="4" fill="${s.color}"/>`)
        .join('');
      return `<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2.5"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>${dots}`;
    })
    .join('\n');
  const xTitle = `<text x="${PAD.left + plotW / 2}" y="${H - 12}" text-anchor="middle" font-size="12" fill="#374151">products in catalog (log scale)</text>`;
  return frame(title, yLabel, yMax, `${axis}\n${lines}\n${xTitle}`, legendBlock(series));
}

export interface BarGroup {
  label: string;
  bars: { name: string; color: string; value: number }[];
}

/** Grouped bars with optional horizontal goal lines. */
export function barChart(
  title: string,
  yLabel: string,
  groups: BarGroup[],
  yMax: number,
  goals: { label: string; value: number; color: string }[] = [],
): string {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const groupW = plotW / Math.max(1, groups.length);
  const py = (y: number) => PAD.top + plotH * (1 - y / yMax);
  const body = groups
    .map((g, gi) => {
      const barW = (groupW * 0.7) / Math.max(1, g.bars.length);
      const x0 = PAD.left + gi * groupW + groupW * 0.15;
      const bars = g.bars
        .map((b, bi) => {
          const x = x0 + bi * barW;
          const y = py(b.value);
          return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(barW - 4).toFixed(1)}" height="${(PAD.top + plotH - y).toFixed(1)}" fill="${b.color}"/><text x="${(x + barW / 2 - 2).toFixed(1)}" y="${(y - 5).toFixed(1)}" text-anchor="middle" font-size="11" fill="#111827">${b.value.toFixed(3)}</text>`;
        })
        .join('');
      return `${bars}<text x="${(PAD.left + gi * groupW + groupW / 2).toFixed(1)}" y="${H - PAD.bottom + 20}" text-anchor="middle" font-size="13" fill="#111827">${esc(g.label)}</text>`;
    })
    .join('\n');
  const goalLines = goals
    .map(
      (g) =>
        `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${py(g.value)}" y2="${py(g.value)}" stroke="${g.color}" stroke-width="1.5" stroke-dasharray="5 4"/>`,
    )
    .join('\n');
  const legendItems = [
    ...(groups[0]?.bars.map((b) => ({ name: b.name, color: b.color })) ?? []),
    ...goals.map((g) => ({ name: g.label, color: g.color, dashed: true })),
  ];
  return frame(title, yLabel, yMax, `${body}\n${goalLines}`, legendBlock(legendItems));
}
