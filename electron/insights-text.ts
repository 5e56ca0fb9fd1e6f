// The `shelfscope insights` report as text: totals, then top, zero-result and slowest queries.
import type { InsightsReport, QueryStat } from '../shared/insights.ts';

const LINES = 10;
const pct = (share: number) => `${Math.round(share * 1000) / 10} %`;
const ms = (n: number | null) => (n === null ? '–' : `${n} ms`);

function section(title: string, rows: QueryStat[], line: (r: QueryStat) => string): string {
  if (!rows.length) return `${title}: none\n`;
  const shown = rows.slice(0, LINES).map((r, i) => `${String(i + 1).padStart(3)}. ${line(r)}\n`);
  const more = rows.length > LINES ? `     … and ${rows.length - LINES} more (use --json for all)\n` : '';
  return `${title}:\n${shown.join('')}${more}`;
}

export function describeInsights(r: InsightsReport): string {
  const head = r.logging
    ? ''
    : 'The query log is off (Settings): nothing new is recorded; what was recorded is shown.\n';
  if (r.searches === 0) return `${head}No searches recorded yet.\n`;
  const hits = Object.entries(r.cacheHits)
    .filter(([layer, n]) => layer !== 'miss' && n > 0)
    .map(([layer, n]) => `${layer} ${n}`)
    .join(', ');
  return (
    head +
    `${r.searches} searches of ${r.distinctQueries} queries since ${r.since}; ` +
    `${pct(r.zeroResultShare)} found nothing; p50 ${ms(r.p50Ms)}, p95 ${ms(r.p95Ms)}; ` +
    `cache answered ${pct(r.cacheHitShare)}${hits ? ` (${hits})` : ''}\n` +
    section('Top queries', r.top, (q) => `“${q.query}” ×${q.count}, ${q.results} results (${q.mode})`) +
    section(
      'Zero-result queries',
      r.zeroResult,
      (q) =>
        `“${q.query}” ×${q.count}, last ${q.lastAt}${q.correctedTo ? `, corrected to “${q.correctedTo}”` : ''}`,
    ) +
    section(
      'Slowest queries',
      r.slowest,
      (q) => `“${q.query}” ${ms(q.maxMs)} (mean ${ms(q.meanMs)}, ${q.mode})`,
    )
  );
}
