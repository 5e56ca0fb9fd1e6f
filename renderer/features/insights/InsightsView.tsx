import { useEffect, useState } from 'react';
import type { InsightsList, QueryStat } from '../../../shared/insights.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatCount, formatDate } from '../../components/format.ts';
import { useApp } from '../../store/app-store.ts';
import { useInsights } from '../../store/insights-store.ts';
import { useSearch } from '../../store/search-store.ts';
import { ExportButton } from '../export/ExportButton.tsx';
import { AddSynonymDialog } from './AddSynonymDialog.tsx';
import { formatMs, formatShare } from './insights-text.ts';

/** The query as a link: it opens the search screen with that query in that mode. */
function QueryLink({ stat }: { stat: QueryStat }) {
  return (
    <button
      type="button"
      className="link-button"
      title="Search for it"
      onClick={() => {
        const search = useSearch.getState();
        search.setQuery(stat.query);
        search.setMode(stat.mode);
        useApp.getState().setView('search');
      }}
    >
      {stat.query || '(every product)'}
    </button>
  );
}

type Column = { label: string; cell(stat: QueryStat): React.ReactNode; numeric?: boolean };

function QueryTable({
  catalogId,
  list,
  title,
  rows,
  columns,
  empty,
}: {
  catalogId: string;
  /** The report's list this table shows, which its Export button writes. */
  list: InsightsList;
  title: string;
  rows: QueryStat[];
  columns: Column[];
  empty: string;
}) {
  return (
    <section className="card insights-table" aria-label={title}>
      <div className="card-header">
        <h2>{title}</h2>
        {rows.length > 0 && <ExportButton catalogId={catalogId} insightsList={list} name={title} />}
      </div>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>Query</th>
                {columns.map((c) => (
                  <th key={c.label} className={c.numeric ? 'num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((stat) => (
                <tr key={`${stat.query}|${stat.mode}`}>
                  <td>
                    <QueryLink stat={stat} />
                  </td>
                  {columns.map((c) => (
                    <td key={c.label} className={c.numeric ? 'num' : undefined}>
                      {c.cell(stat)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const searches: Column = { label: 'Searches', cell: (s) => formatCount(s.count), numeric: true };
const lastSeen: Column = { label: 'Last seen', cell: (s) => formatDate(s.lastAt) };

export function InsightsView({ catalogId }: { catalogId: string }) {
  const report = useInsights((s) => (s.catalogId === catalogId ? s.report : null));
  const busy = useInsights((s) => s.busy);
  const added = useInsights((s) => s.added);
  const { load, clear, startAdding } = useInsights.getState();
  const logging = report?.logging ?? true;
  const [confirming, setConfirming] = useState(false);
  useEffect(() => void load(catalogId), [catalogId, load, added]);

  if (!report) return <p className="muted">Loading search insights…</p>;
  const cards: [label: string, value: string, detail: string][] = [
    ['Searches', formatCount(report.searches), `${formatCount(report.distinctQueries)} different queries`],
    [
      'Found nothing',
      formatShare(report.zeroResultShare),
      `${formatCount(report.zeroResult.length)} ${report.zeroResult.length === 1 ? 'query still fails' : 'queries still fail'}`,
    ],
    [
      'Answered from cache',
      formatShare(report.cacheHitShare),
      `similar queries ${formatCount(report.cacheHits.normalised + report.cacheHits.embedding)}`,
    ],
    ['Search time', `median ${formatMs(report.p50Ms)}`, `p95 ${formatMs(report.p95Ms)} (searches that ran)`],
  ];
  return (
    <div className="insights-view">
      <div className="card-header">
        <p className="hint">
          {logging
            ? `What people searched in this catalog${report.since ? ` since ${formatDate(report.since)}` : ''}. The log stays on this computer; turn it off in Settings.`
            : 'The query log is off (Settings): nothing new is recorded.'}
        </p>
        <button
          type="button"
          className="button"
          disabled={busy || report.searches === 0}
          onClick={() => setConfirming(true)}
        >
          Clear query log
        </button>
      </div>
      {added && (
        <p className="insights-saved" role="status">
          Saved the synonym group “{added.join(', ')}”: the next search uses it.
        </p>
      )}
      <div className="stat-cards">
        {cards.map(([label, value, detail]) => (
          <div key={label} className="card stat">
            <span className="stat-label">{label}</span>
            <span className="stat-value">{value}</span>
            <span className="muted">{detail}</span>
          </div>
        ))}
      </div>
      <QueryTable
        catalogId={catalogId}
        list="zeroResult"
        title="Zero-result queries"
        rows={report.zeroResult}
        empty="Every query searched lately found something."
        columns={[
          searches,
          lastSeen,
          { label: 'Corrected to', cell: (s) => s.correctedTo ?? <span className="muted">as typed</span> },
          {
            label: 'Fix',
            cell: (s) => (
              <button
                type="button"
                className="button button-small"
                aria-label={`Add synonym for ${s.query}`}
                onClick={() => void startAdding(s.query)}
              >
                Add synonym
              </button>
            ),
          },
        ]}
      />
      <QueryTable
        catalogId={catalogId}
        list="top"
        title="Top queries"
        rows={report.top}
        empty="No searches recorded yet."
        columns={[
          searches,
          { label: 'Results', cell: (s) => formatCount(s.results), numeric: true },
          lastSeen,
        ]}
      />
      <QueryTable
        catalogId={catalogId}
        list="slowest"
        title="Slowest queries"
        rows={report.slowest}
        empty="No search has run yet."
        columns={[
          { label: 'Slowest', cell: (s) => formatMs(s.maxMs), numeric: true },
          { label: 'Mean', cell: (s) => formatMs(s.meanMs), numeric: true },
          { label: 'Mode', cell: (s) => s.mode },
        ]}
      />
      <AddSynonymDialog />
      {confirming && (
        <ConfirmDialog
          title="Clear the query log?"
          message={`All ${formatCount(report.searches)} recorded searches of this catalog are deleted. The synonyms and the catalog stay as they are.`}
          confirmLabel="Clear query log"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void clear();
          }}
        />
      )}
    </div>
  );
}
