// Two small chart kinds as self-contained SVG (no chart library, nothing fetched): lines on log axes for
// latency against catalog size, grouped bars for relevance per mode.

export interface Series {
  name: string;
  color: string;
  dashed?: boolean;
  points: { x: number; y: number }[];
}

export interface BarGroup {
  label: string;
  bars: { name: string; color: string; value: number }[];
}

interface Tick {
  y: number;
  label: string;
}

const W = 720;
const H = 400;
const PAD = { left: 64, right: 190, top: 48, bottom: 56 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;
const FONT = 'font-family="DejaVu Sans, Arial, sans-serif"';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function text(x: number, y: number, s: string, size = 12, anchor = 'middle'): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="${anchor}" font-size="${size}" fill="#111827">${esc(s)}</text>`;
}

function frame(title: string, yLabel: string, ticks: Tick[], body: string, legend: string): string {
  const grid = ticks.map(
    (t) =>
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${t.y.toFixed(1)}" y2="${t.y.toFixed(1)}" stroke="#e5e7eb"/>${text(PAD.left - 8, t.y + 4, t.label, 12, 'end')}`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ${FONT}>
<rect width="${W}" height="${H}" fill="white"/>
<text x="${PAD.left}" y="28" font-size="16" font-weight="bold" fill="#111827">${esc(title)}</text>
${grid.join('\n')}
<text transform="translate(18 ${PAD.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle" font-size="12" fill="#374151">${esc(yLabel)}</text>
${body}
${legend}
</svg>`;
}

function legendBlock(items: { name: string; color: string; dashed?: boolean }[]): string {
  return items
    .map((s, i) => {
      const y = PAD.top + 8 + i * 22;
      const x = W - PAD.right + 16;
      return `<line x1="${x}" x2="${x + 24}" y1="${y}" y2="${y}" stroke="${s.color}" stroke-width="3"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>${text(x + 32, y + 4, s.name, 12, 'start')}`;
    })
    .join('\n');
}

/** Lines over log-scaled axes: catalog sizes on x, latencies spanning several decades on y. */
export function lineChart(
  title: string,
  yLabel: string,
  series: Series[],
  xLabel: (x: number) => string,
): string {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  const ys = series.flatMap((s) => s.points.map((p) => p.y)).filter((y) => y > 0);
  const yLo = Math.floor(Math.log10(Math.min(...ys, 1)));
  const yHi = Math.max(yLo + 1, Math.ceil(Math.log10(Math.max(...ys, 1))));
  const lo = Math.log10(xs[0] ?? 1);
  const hi = Math.log10(xs[xs.length - 1] ?? 10);
  const px = (x: number) => PAD.left + (hi > lo ? ((Math.log10(x) - lo) / (hi - lo)) * PLOT_W : PLOT_W / 2);
  const py = (y: number) => PAD.top + PLOT_H * (1 - (Math.log10(Math.max(y, 10 ** yLo)) - yLo) / (yHi - yLo));
  const ticks = Array.from({ length: yHi - yLo + 1 }, (_, i) => ({
    y: py(10 ** (yLo + i)),
    label: String(Number((10 ** (yLo + i)).toPrecision(1))),
  }));
  const axis = xs.map((x) => text(px(x), H - PAD.bottom + 20, xLabel(x))).join('\n');
  const lines = series
    .map((s) => {
      const pts = s.points.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
      const dots = s.points
        .map((p) => `<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="4" fill="${s.color}"/>`)
        .join('');
      return `<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2.5"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>${dots}`;
    })
    .join('\n');
  const xTitle = text(PAD.left + PLOT_W / 2, H - 12, 'products in catalog (log scale)');
  return frame(title, `${yLabel}, log scale`, ticks, `${axis}\n${lines}\n${xTitle}`, legendBlock(series));
}

/** Grouped bars on a linear axis from 0 to `yMax`, with optional dashed goal lines. */
export function barChart(
  title: string,
  yLabel: string,
  groups: BarGroup[],
  yMax: number,
  goals: { label: string; value: number; color: string }[] = [],
): string {
  const groupW = PLOT_W / Math.max(1, groups.length);
  const py = (y: number) => PAD.top + PLOT_H * (1 - y / yMax);
  const body = groups
    .map((g, gi) => {
      const barW = (groupW * 0.7) / Math.max(1, g.bars.length);
      const x0 = PAD.left + gi * groupW + groupW * 0.15;
      const bars = g.bars
        .map((b, bi) => {
          const x = x0 + bi * barW;
          const y = py(b.value);
          return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(barW - 4).toFixed(1)}" height="${(PAD.top + PLOT_H - y).toFixed(1)}" fill="${b.color}"/>${text(x + barW / 2 - 2, y - 5, b.value.toFixed(3), 11)}`;
        })
        .join('');
      return `${bars}${text(PAD.left + gi * groupW + groupW / 2, H - PAD.bottom + 20, g.label, 13)}`;
    })
    .join('\n');
  const goalLines = goals
    .map(
      (g) =>
        `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${py(g.value)}" y2="${py(g.value)}" stroke="${g.color}" stroke-width="1.5" stroke-dasharray="5 4"/>`,
    )
    .join('\n');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => ({
    y: py(yMax * f),
    label: String(Number((yMax * f).toPrecision(3))),
  }));
  const legend = legendBlock([
    ...(groups[0]?.bars.map((b) => ({ name: b.name, color: b.color })) ?? []),
    ...goals.map((g) => ({ name: g.label, color: g.color, dashed: true })),
  ]);
  return frame(title, yLabel, ticks, `${body}\n${goalLines}`, legend);
}
