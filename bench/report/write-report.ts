import fs from 'node:fs';
import path from 'node:path';
import type { BenchResults } from '../lib/results.ts';
import { sizeLabel } from '../lib/sizes.ts';
import { renderMarkdown } from './markdown.ts';
import { renderPngs } from './render-png.ts';
import type { BarGroup, Series } from './svg-charts.ts';
import { barChart, lineChart } from './svg-charts.ts';

const MODE_COLORS: Record<string, string> = { hybrid: '#2563eb', keyword: '#16a34a', semantic: '#d97706' };

function latencyChart(r: BenchResults): string {
  const series: Series[] = (['hybrid', 'keyword', 'semantic'] as const).map((mode) => ({
    name: `Shelfscope ${mode}`,
    color: MODE_COLORS[mode],
    points: r.sizes.flatMap((s) => (s.search[mode] ? [{ x: s.products, y: s.search[mode]?.p50 ?? 0 }] : [])),
  }));
  for (const [name, color] of [
    ['Orama', '#9333ea'],
    ['LanceDB', '#dc2626'],
  ] as const) {
    const points = r.sizes.flatMap((s) => {
      const p = s.peers.find((x) => x.name === name && x.queries.hybrid);
      return p?.queries.hybrid ? [{ x: s.products, y: p.queries.hybrid.p50 }] : [];
    });
    if (points.length) series.push({ name: `${name} hybrid`, color, dashed: true, points });
  }
  return lineChart('Query latency p50 vs catalog size', 'p50 latency (ms)', series, (x) => sizeLabel(x));
}

function ndcgChart(r: BenchResults): string | null {
  if (!('rows' in r.relevance)) return null;
  const rows = r.relevance.rows;
  const groups: BarGroup[] = (['keyword', 'semantic', 'hybrid'] as const).map((mode) => ({
    label: mode,
    bars: [
      {
        name: 'dev',
        color: '#2563eb',
        value: rows.find((x) => x.split === 'dev' && x.mode === mode)?.ndcg10 ?? 0,
      },
      {
        name: 'holdout',
        color: '#f59e0b',
        value: rows.find((x) => x.split === 'holdout' && x.mode === mode)?.ndcg10 ?? 0,
      },
    ],
  }));
  return barChart('NDCG@10 per search mode (Icecat judgments)', 'NDCG@10', groups, 1, [
    { label: 'goal dev 0.72', value: 0.72, color: '#1d4ed8' },
    { label: 'goal holdout 0.65', value: 0.65, color: '#b45309' },
  ]);
}

const REPO = path.resolve(import.meta.dirname, '..', '..');
/**
 * The semantic-search levers measured once and removed (issue 21): kept by hand with the figures and
 * how each was measured, and included in every report so a re-render does not lose them.
 */
const SEMANTIC_LEVERS = path.join(REPO, 'docs', 'bench', 'semantic-levers.md');
/** Sections measured by scripts of their own (bench/query-cache.ts), kept by hand the same way. */
const HAND_SECTIONS = [path.join(REPO, 'docs', 'bench', 'query-cache.md')];
const handKept = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined);

/**
 * Where a run's report goes: a quick run is a smoke test, so its report stays in bench/out/quick and
 * never replaces the published BENCHMARKS.md and docs/bench/.
 */
export function reportTargets(quick: boolean): { mdFile: string; docsDir: string } {
  const quickDir = path.join(REPO, 'bench', 'out', 'quick');
  return quick
    ? { mdFile: path.join(quickDir, 'BENCHMARKS.md'), docsDir: quickDir }
    : { mdFile: path.join(REPO, 'BENCHMARKS.md'), docsDir: path.join(REPO, 'docs', 'bench') };
}

/**
 * results.json and the charts (SVG + PNG) in the run's docs folder, and the markdown report, linking
 * the charts relative to it.
 */
export async function writeReport(results: BenchResults): Promise<{ mdFile: string; docsDir: string }> {
  const { mdFile, docsDir } = reportTargets(results.quick);
  fs.mkdirSync(path.dirname(mdFile), { recursive: true });
  fs.mkdirSync(docsDir, { recursive: true });
  fs.writeFileSync(path.join(docsDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const charts = [{ svg: latencyChart(results), file: path.join(docsDir, 'latency-vs-size.png') }];
  const ndcg = ndcgChart(results);
  if (ndcg) charts.push({ svg: ndcg, file: path.join(docsDir, 'ndcg-per-mode.png') });
  for (const c of charts) fs.writeFileSync(c.file.replace(/\.png$/, '.svg'), c.svg);
  const failed = await renderPngs(charts).catch((e: Error) => `PNG rendering failed: ${e.message}`);
  if (failed) process.stderr.write(`[bench] ${failed}\n`);
  const relative = (file: string) => path.relative(path.dirname(mdFile), path.join(docsDir, file));
  const link = (name: string) => relative(`${name}.${failed ? 'svg' : 'png'}`);
  const md = renderMarkdown(
    results,
    {
      results: relative('results.json'),
      latency: link('latency-vs-size'),
      ndcg: ndcg ? link('ndcg-per-mode') : null,
    },
    handKept(SEMANTIC_LEVERS),
    HAND_SECTIONS.map(handKept).filter((section) => section !== undefined),
  );
  fs.writeFileSync(mdFile, md);
  return { mdFile, docsDir };
}
