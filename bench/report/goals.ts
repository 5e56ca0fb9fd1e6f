// The goals, each judged against the measured figures; a goal whose figure was not measured in
// this run says so instead of passing or failing.
import type { BenchResults, SizeResult } from '../lib/results.ts';
import type { PeerResult } from '../peers/types.ts';

export interface GoalRow {
  figure: string;
  goal: string;
  measured: string;
  status: 'met' | 'missed' | 'not measured';
}

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The size the goals are set at (100k), or the largest one run. */
export function goalSize(results: BenchResults): SizeResult | undefined {
  return results.sizes.find((s) => s.label === '100k') ?? results.sizes[results.sizes.length - 1];
}

export function shelfscopeBuildMs(size: SizeResult): number {
  return size.endToEnd.importMs + size.ann.buildMs;
}

function row(figure: string, goal: string, measured: string | null, ok: boolean): GoalRow {
  return {
    figure,
    goal,
    measured: measured ?? '—',
    status: measured === null ? 'not measured' : ok ? 'met' : 'missed',
  };
}

function peer(size: SizeResult, name: string): PeerResult | undefined {
  return size.peers.find((p) => p.name === name && !p.skipped);
}

export function evaluateGoals(results: BenchResults): GoalRow[] {
  const s = goalSize(results);
  if (!s) return [];
  const at = ` (${s.label})`;
  const rows: GoalRow[] = [];
  const e2e = s.endToEnd.endToEndMs;
  rows.push(row(`file → searchable, end to end${at}`, '≤ 3 min', sec(e2e), e2e <= 180_000));
  const cpu = s.pipelineCpuOverheadPct;
  rows.push(
    row(
      `pipeline overhead vs raw ONNX${at}`,
      '≤ 15 %',
      `${s.pipelineOverheadPct} % by wall clock (${s.endToEnd.embedTextsPerSec} vs ${s.raw.textsPerSec} texts/s)` +
        (cpu === undefined ? '' : `, ${cpu} % by CPU time per text`),
      s.pipelineOverheadPct <= 15 && (cpu === undefined || cpu <= 15),
    ),
  );
  const h = s.search.hybrid;
  rows.push(
    row(
      `hybrid search p50 / p95, query embedding included${at}`,
      '≤ 10 ms / ≤ 30 ms',
      h ? `${h.p50} / ${h.p95} ms` : null,
      !!h && h.p50 <= 10 && h.p95 <= 30,
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
    ),
  );
  const ties = s.ann.recall10Ties === undefined ? '' : ` (${s.ann.recall10Ties} counting ties with the 10th)`;
  rows.push(row(`ANN recall@10${at}`, '≥ 0.98', `${s.ann.recall10}${ties}`, s.ann.recall10 >= 0.98));
  rows.push(
    row(
      'peak RSS 100k',
      '≤ 400 MB',
      s100 ? `${s100.endToEnd.peakRssMb} MB` : null,
      !!s100 && s100.endToEnd.peakRssMb <= 400,
    ),
  );
  rows.push(
    row(
      'peak RSS 1M',
      '≤ 1.5 GB',
      s1m ? `${s1m.endToEnd.peakRssMb} MB` : null,
      !!s1m && s1m.endToEnd.peakRssMb <= 1536,
    ),
  );
  rows.push(
    row(
      `cold open to first result${at}`,
      '≤ 1 s',
      `${sec(s.coldOpen.openToFirstResultMs)} in process (${sec(s.coldOpen.processMs)} with Node start)`,
      s.coldOpen.openToFirstResultMs <= 1000,
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
      ),
    );
    rows.push(
      row(
        `build speed vs ${name}${at}`,
        '≥ 2×',
        build === null ? null : `${build.toFixed(2)}×`,
        (build ?? 0) >= 2,
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
    ),
  );
  return rows;
}
