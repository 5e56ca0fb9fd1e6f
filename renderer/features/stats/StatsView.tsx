import { useEffect, useState } from 'react';
import type { CatalogStats, VectorIndexHealth } from '../../../shared/types.ts';
import { describeRepair, timingShares } from '../../../shared/types.ts';
import { api } from '../../api.ts';
import { formatBytes, formatCount, formatDate, formatDuration } from '../../components/format.ts';
import { useApp } from '../../store/app-store.ts';

/** The vector index card: its key count, whether it agrees with the catalog, and what was last repaired. */
function vectorIndexCard(v: VectorIndexHealth): [label: string, value: string, detail: string] {
  const state = v.consistent
    ? `consistent with the catalog${v.lastVerify ? `, every key checked ${formatDate(v.lastVerify.at)}` : ''}`
    : `inconsistent: the catalog stores ${formatCount(v.expected)} vectors`;
  const r = v.lastRepair;
  const repair = r ? ` · repaired ${formatDate(r.at)}: ${describeRepair(r)}` : '';
  return ['Vector index', `${formatCount(v.vectors)} vectors`, `${state}${repair}`];
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function Latencies({ values }: { values: number[] }) {
  if (values.length === 0) return <p className="muted">No searches yet.</p>;
  const sorted = [...values].sort((a, b) => a - b);
  const max = Math.max(...values, 1);
  return (
    <>
      <p>
        median {Math.round(quantile(sorted, 0.5))} ms · p95 {Math.round(quantile(sorted, 0.95))} ms · last{' '}
        {values.length}
      </p>
      <div className="bars" aria-hidden="true">
        {values.map((ms, i) => (
          <span
            key={i}
            className="bar"
            style={{ height: `${Math.max(4, (ms / max) * 100)}%` }}
            title={`${ms} ms`}
          />
        ))}
      </div>
    </>
  );
}

export function StatsView({ catalogId }: { catalogId: string }) {
  const [stats, setStats] = useState<CatalogStats | null>(null);
  const report = useApp((s) => s.report);
  const finished = useApp((s) => s.jobs[catalogId]?.finished?.jobId);
  useEffect(() => {
    let live = true;
    api
      .stats({ catalogId })
      .then((found) => live && setStats(found))
      .catch(report);
    return () => {
      live = false;
    };
  }, [catalogId, finished, report]);

  if (!stats) return <p className="muted">Loading statistics…</p>;
  const cards: [label: string, value: string, detail?: string][] = [
    ['Products', formatCount(stats.products), `${formatCount(stats.embedded)} indexed for semantic search`],
    [
      'Index size on disk',
      formatBytes(stats.dbBytes + stats.indexBytes),
      `database ${formatBytes(stats.dbBytes)} · vectors ${formatBytes(stats.indexBytes)}`,
    ],
    vectorIndexCard(stats.vectorIndex),
    ['Model', stats.model, `${stats.dimensions} dimensions`],
    ['Last indexed', formatDate(stats.lastIndexedAt), `created ${formatDate(stats.createdAt)}`],
  ];
  if (stats.lastImport) {
    cards.push([
      'Last import throughput',
      `${formatCount(stats.lastImport.rowsPerSec)} rows/s`,
      `${formatCount(stats.lastImport.embedPerSec)} embeddings/s · took ${formatDuration(stats.lastImport.tookMs / 1000)}`,
    ]);
    const timing = stats.lastImport.indexTiming;
    if (timing && timing.modelMs > 0) {
      const shares = timingShares(timing);
      cards.push([
        'Indexing time',
        `${shares.model} % model`,
        `vector index ${shares.ann} % · storage and saves ${shares.other} %`,
      ]);
    }
  }
  return (
    <div className="stats-view">
      <div className="stat-cards">
        {cards.map(([label, value, detail]) => (
          <div key={label} className="card stat">
            <span className="stat-label">{label}</span>
            <span className="stat-value">{value}</span>
            {detail && <span className="muted">{detail}</span>}
          </div>
        ))}
      </div>
      <section className="card" aria-label="Recent query latencies">
        <h2>Recent query latencies</h2>
        <Latencies values={stats.recentQueryMs} />
      </section>
    </div>
  );
}
