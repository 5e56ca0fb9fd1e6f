// The goals, each judged against the measured figures; a goal whose figure was not measured in
// this run says so instead of passing or failing.
import { median } from '../lib/metrics.ts';
import type { BenchResults, SizeResult } from '../lib/results.ts';
import type { OverheadRound } from '../stages/overhead.ts';
import type { PeerResult } from '../peers/types.ts';
import type { RelevanceRow } from '../relevance.ts';
import { healthGoal } from './health-check.ts';

export interface GoalRow {
  figure: string;
  goal: string;
  measured: string;
  status: 'met' | 'missed' | 'not measured';
  /** For a missed goal: the measurement of this run that shows what stands in the way. */
  limit: string | null;
}

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The size the goals are set at (100k), or the largest one run. */
export function goalSize(results: BenchResults): SizeResult | undefined {
  return results.sizes.find((s) => s.label === '100k') ?? results.sizes[results.sizes.length - 1];
}

export function shelfscopeBuildMs(size: SizeResult): number {
  return size.endToEnd.importMs + size.ann.buildMs;
}

function row(
  figure: string,
  goal: string,
  measured: string | null,
  ok: boolean,
  limit: () => string | null = () => null,
): GoalRow {
  const status = measured === null ? 'not measured' : ok ? 'met' : 'missed';
  return { figure, goal, measured: measured ?? '—', status, limit: status === 'missed' ? limit() : null };
}

const pct = (part: number, whole: number) => `${Math.round((100 * part) / whole)} %`;

/**
 * RSS is counted in MiB (VmHWM); a goal in MB or GB is judged in MiB or GiB, as memory is sold and
 * reported, and the figure says where it stands against the decimal unit too, so neither reading hides.
 */
const RSS_UNITS = {
  MB: { binary: 2 ** 20, binaryName: 'MiB', decimal: 1e6, exponent: '⁶', digits: 0 },
  GB: { binary: 2 ** 30, binaryName: 'GiB', decimal: 1e9, exponent: '⁹', digits: 2 },
};

function rssGoal(mib: number, limit: number, unit: keyof typeof RSS_UNITS) {
  const u = RSS_UNITS[unit];
  const bytes = mib * 2 ** 20;
  const side = (max: number) => (bytes <= max ? 'within' : 'above');
  const inDecimal = `${(bytes / u.decimal).toFixed(u.digits)} × 10${u.exponent}`;
  return {
    measured: `${mib} MiB: ${side(limit * u.binary)} ${limit} ${u.binaryName}, ${side(limit * u.decimal)} ${limit} × 10${u.exponent} bytes (${inDecimal})`,
    met: bytes <= limit * u.binary,
  };
}

const growthOf = (a?: number, b?: number) => (a && b ? `${(b / a).toFixed(2)}×` : '?');

function peer(size: SizeResult, name: string): PeerResult | undefined {
  return size.peers.find((p) => p.name === name && !p.skipped);
}

export function evaluateGoals(results: BenchResults): GoalRow[] {
  const s = goalSize(results);
  if (!s) return [];
  const at = ` (${s.label})`;
  const rows: GoalRow[] = [];
  const e2e = s.endToEnd.endToEndMs;
  rows.push(
    row(
      `file → searchable, end to end${at}`,
      '≤ 3 min',
      sec(e2e),
      e2e <= 180_000,
      () =>
        `the bare model alone needs ${sec((s.products / s.raw.textsPerSec) * 1000)} for ${s.products.toLocaleString('en-US')} texts at ${s.raw.textsPerSec} texts/s`,
    ),
  );
  const o = s.overhead;
  // A bare model measured slower than the whole pipeline means the load changed between the two runs.
  const noisy = o.overheadPct < 0 || o.cpuOverheadPct < 0;
  rows.push(
    row(
      `pipeline overhead vs raw ONNX${at}`,
      '≤ 15 %',
      noisy
        ? null
        : `${o.overheadPct} % by wall clock, ${o.cpuOverheadPct} % by CPU time per text (median of ${o.rounds.length} rounds, each an index job pass between two bare model passes on the same ${o.texts.toLocaleString('en-US')} texts, re-embedded into the ${s.label} catalog: ${o.rounds.map((r) => r.overheadPct).join(' / ')} %)`,
      o.overheadPct <= 15 && o.cpuOverheadPct <= 15,
      () => {
        const m = (f: (r: OverheadRound) => number) => median(o.rounds.map(f)).toFixed(1);
        const ann = m((r) => (100 * r.annMs) / r.bareMs);
        const slower = m((r) => (100 * (r.modelMs - r.bareMs)) / r.bareMs);
        return `in the same rounds (medians), adding the vectors to the ${s.label} ANN index alone took ${ann} % of the bare model's time for the same texts, and the model itself ran ${slower} % slower inside the pipeline than bare; SQLite writes and batching take the rest`;
      },
    ),
  );
  const h = s.search.hybrid;
  rows.push(
    row(
      `hybrid search p50 / p95, query embedding included${at}`,
      '≤ 10 ms / ≤ 30 ms',
      h ? `${h.p50} / ${h.p95} ms` : null,
      !!h && h.p50 <= 10 && h.p95 <= 30,
      () =>
        `keyword alone p50 ${s.search.keyword?.p50} ms, semantic alone ${s.search.semantic?.p50} ms (query embedding ${s.queryEmbed?.p50 ?? '?'} ms, ANN lookup ${s.ann.latency.p50} ms)`,
    ),
  );
  const s100 = results.sizes.find((x) => x.label === '100k');
  const s1m = results.sizes.find((x) => x.label === '1m');
  const growth =
    s100?.search.hybrid && s1m?.search.hybrid ? s1m.search.hybrid.p50 / s100.search.hybrid.p50 : null;
  rows.push(
    row(
      'hybrid p50 growth 100k → 1M',
      '≤ 1.5×',
      growth === null ? null : `${growth.toFixed(2)}×`,
      (growth ?? 9) <= 1.5,
      () => {
        const grows = (pick: (x: SizeResult) => number | undefined) => {
          const [a, b] = [s100 && pick(s100), s1m && pick(s1m)];
          return `${growthOf(a, b)} (${a ?? '?'} → ${b ?? '?'} ms)`;
        };
        const [fts100, fts1m] = [s100?.ftsAllWords, s1m?.ftsAllWords];
        const matches = `${growthOf(fts100?.matchesP50, fts1m?.matchesP50)} (median ${fts100?.matchesP50 ?? '?'} → ${fts1m?.matchesP50 ?? '?'} per query)`;
        return `keyword p50 grows ${growthOf(s100?.search.keyword?.p50, s1m?.search.keyword?.p50)} and semantic ${growthOf(s100?.search.semantic?.p50, s1m?.search.semantic?.p50)}, and so do their parts alone: the first FTS5 statement of every keyword search (every word, bm25, top 100) grows ${grows((x) => x.ftsAllWords.ranked.p50)}, because the products it scores grow ${matches} and FTS5 cannot stop early: it computes bm25 for every match before keeping 100 (at 1M, walking the matches unscored takes ${fts1m?.walked.p50 ?? '?'} ms of its ${fts1m?.ranked.p50 ?? '?'}); the ANN lookup grows ${grows((x) => x.ann.latency.p50)}`;
      },
    ),
  );
  const ties = s.ann.recall10Ties === undefined ? '' : ` (${s.ann.recall10Ties} counting ties with the 10th)`;
  rows.push(
    row(
      `ANN recall@10${at}`,
      '≥ 0.98',
      `${s.ann.recall10}${ties}`,
      s.ann.recall10 >= 0.98,
      () =>
        `built with connectivity ${s.ann.params.connectivity}, ef_add ${s.ann.params.expansionAdd}, searched with ef ${s.ann.params.expansionSearch}; see the ef_search and quantization levers`,
    ),
  );
  const memoryGoals = [
    ['100k', s100, 400, 'MB'],
    ['1M', s1m, 1.5, 'GB'],
  ] as const;
  for (const [label, measured, limit, unit] of memoryGoals) {
    const goal = measured && rssGoal(measured.endToEnd.peakRssMb, limit, unit);
    rows.push(
      row(
        `peak RSS ${label}`,
        `≤ ${limit} ${unit}`,
        goal?.measured ?? null,
        !!goal?.met,
        () =>
          `the ANN index alone is ${((measured?.endToEnd.indexBytes ?? 0) / 1e6).toFixed(0)} MB, held in memory while it is built`,
      ),
    );
  }
  rows.push(
    row(
      `cold open to first result${at}`,
      '≤ 1 s',
      `${sec(s.coldOpen.openToFirstResultMs)} in process (${sec(s.coldOpen.processMs)} with Node start)`,
      s.coldOpen.openToFirstResultMs <= 1000,
      () =>
        `opening the catalog ${sec(s.coldOpen.openMs)}, then the first search (query model load included) ${sec(s.coldOpen.firstSearchMs)}`,
    ),
  );
  for (const name of ['Orama', 'LanceDB']) {
    const p = peer(s, name);
    const qps = p?.queries.hybrid && h ? h.qps / p.queries.hybrid.qps : null;
    const build = p?.buildMs ? p.buildMs / shelfscopeBuildMs(s) : null;
    rows.push(
      row(
        `hybrid query throughput vs ${name}${at}`,
        '≥ 3×',
        qps === null ? null : `${qps.toFixed(2)}×`,
        (qps ?? 0) >= 3,
        () => {
          // Throughput is sequential queries per second, so means, not medians, add up to it.
          const fts = peer(s, 'SQLite FTS5 bm25')?.queries.keyword?.mean;
          const budget = 1000 / (3 * (p?.queries.hybrid?.qps ?? 1));
          const floor = (s.queryEmbed?.mean ?? 0) + s.ann.latency.mean + (fts ?? 0);
          return `3× its ${p?.queries.hybrid?.qps} queries/s leaves ${budget.toFixed(2)} ms per hybrid query; embedding the query (${s.queryEmbed?.mean ?? '?'} ms), the ANN lookup (${s.ann.latency.mean} ms) and a bare FTS5 bm25 query (${fts ?? '?'} ms) already take ${floor.toFixed(2)} ms on average, before any ranking, product rows or facets`;
        },
      ),
    );
    rows.push(
      row(
        `build speed vs ${name}${at}`,
        '≥ 2×',
        build === null ? null : `${build.toFixed(2)}×`,
        (build ?? 0) >= 2,
        () => {
          const budget = (p?.buildMs ?? 0) / 2;
          const rest =
            budget > s.ann.buildMs
              ? `2× leaves ${sec(budget - s.ann.buildMs)} to read and store ${s.products.toLocaleString('en-US')} rows (measured ${sec(s.endToEnd.importMs)})`
              : `2× needs the whole build within ${sec(budget)}, less than the ANN index alone`;
          return `building the ANN index alone takes ${sec(s.ann.buildMs)}, ${pct(s.ann.buildMs, p?.buildMs ?? 1)} of ${name}'s ${sec(p?.buildMs ?? 0)}: ${rest}`;
        },
      ),
    );
  }
  const rel = 'rows' in results.relevance ? results.relevance.rows : [];
  const ndcg = (split: string, mode: string) => rel.find((r) => r.split === split && r.mode === mode)?.ndcg10;
  const hd = ndcg('dev', 'hybrid');
  const hh = ndcg('holdout', 'hybrid');
  rows.push(
    row(
      'hybrid NDCG@10 dev / holdout',
      '≥ 0.72 / ≥ 0.65',
      hd === undefined || hh === undefined ? null : `${hd} / ${hh}`,
      (hd ?? 0) >= 0.72 && (hh ?? 0) >= 0.65,
      () => ndcgLimit(rel),
    ),
  );
  const kd = ndcg('dev', 'keyword');
  const kh = ndcg('holdout', 'keyword');
  rows.push(
    row(
      'hybrid NDCG@10 never below keyword-only',
      'hybrid ≥ keyword on both splits',
      hd === undefined || kd === undefined ? null : `dev ${hd} vs ${kd}, holdout ${hh} vs ${kh}`,
      (hd ?? 0) >= (kd ?? 1) && (hh ?? 0) >= (kh ?? 1),
      () =>
        `semantic alone scores ${ndcg('dev', 'semantic')} / ${ndcg('holdout', 'semantic')}: the model's votes pull hybrid below the words on these queries`,
    ),
    row(
      'semantic earns its place: hybrid above keyword-only on dev',
      `≥ keyword + ${SEMANTIC_GAIN_GOAL} (holdout reported)`,
      hd === undefined || kd === undefined
        ? null
        : `dev +${round3(hd - kd)} (${hd} vs ${kd}), holdout +${round3((hh ?? 0) - (kh ?? 0))}`,
      hd !== undefined && kd !== undefined && round3(hd - kd) >= SEMANTIC_GAIN_GOAL,
      () =>
        `the model re-ranks the keyword candidates, and ranks them worse than bm25 on its own (semantic alone ${ndcg('dev', 'semantic')} dev); every other lever measured is in the levers section`,
    ),
  );
  rows.push(healthGoal(results));
  return rows;
}

const NDCG_GOALS = { dev: 0.72, holdout: 0.65 } as const;
/** Issue 21: what hybrid must add to keyword-only NDCG@10 on dev for the model to be worth its cost. */
const SEMANTIC_GAIN_GOAL = 0.03;

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * What holds hybrid NDCG@10 below its goals: how far demoting every product the raters rejected
 * would take it, and where even that stops (unjudged products count as irrelevant; a query without
 * a relevant judgment scores 0 whatever the ranking).
 */
function ndcgLimit(rel: RelevanceRow[]): string {
  const [dev, holdout] = (['dev', 'holdout'] as const).map((split) =>
    rel.find((r) => r.split === split && r.mode === 'hybrid'),
  );
  // Results written before these figures existed have only the judged-only one.
  if (!dev || !holdout || !('ndcg10NoRejected' in dev) || !('ndcg10NoRejected' in holdout)) {
    return `over judged products only hybrid scores ${dev?.ndcg10Judged} / ${holdout?.ndcg10Judged}: the judgments pooled another engine's results`;
  }
  const removed = `with every product the raters judged irrelevant taken out of hybrid's ranking it would score ${dev.ndcg10NoRejected} / ${holdout.ndcg10NoRejected}`;
  const short = [dev, holdout].filter((r) => r.ndcg10NoRejected < NDCG_GOALS[r.split as 'dev' | 'holdout']);
  if (short.length === 0)
    return `${removed}: demoting what they rejected would be enough, so the rest is ranking work`;
  return (
    `${removed}, so ${short.map((r) => r.split).join(' and ')} stays below its goal even then: ` +
    `the top 10s hold ${dev.unjudgedTop10} / ${holdout.unjudgedTop10} products nobody judged (counted as irrelevant), ` +
    `and queries without any relevant judgment cap NDCG@10 at ${dev.ceiling} / ${holdout.ceiling}`
  );
}
