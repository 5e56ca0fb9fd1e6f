import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState.tsx';
import { formatCount } from '../../components/format.ts';
import { selectCatalog, useApp } from '../../store/app-store.ts';
import { useSearch } from '../../store/search-store.ts';
import { ExportButton } from '../export/ExportButton.tsx';
import { DropTarget } from '../import/ImportView.tsx';
import { FilterPanel } from './FilterPanel.tsx';
import { ResultList } from './ResultList.tsx';
import { SearchBar } from './SearchBar.tsx';

const DEBOUNCE_MS = 180;

function useSearchAsYouType(catalogId: string) {
  const query = useSearch((s) => s.query);
  const mode = useSearch((s) => s.mode);
  const filters = useSearch((s) => s.filters);
  useEffect(() => {
    const timer = setTimeout(() => void useSearch.getState().run(catalogId), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [catalogId, query, mode, filters]);
}

function ResultHeader({ catalogId }: { catalogId: string }) {
  const result = useSearch((s) => s.result);
  const name = useApp((s) => selectCatalog(s)?.name ?? 'products');
  const loading = useSearch((s) => s.loading);
  if (!result) return <div className="result-header">{loading ? 'Searching…' : ''}</div>;
  return (
    <div className="result-header" aria-live="polite">
      <span className="result-count">
        {formatCount(result.total)} {result.total === 1 ? 'product' : 'products'}
      </span>
      <span className="muted">
        {result.mode} · {Math.round(result.tookMs)} ms
      </span>
      {result.corrections.length > 0 && (
        <span className="corrections">
          Showing results for{' '}
          {result.corrections.map((c) => (
            <span key={c.from}>
              <s>{c.from}</s> <strong>{c.to}</strong>{' '}
            </span>
          ))}
        </span>
      )}
      {loading && <span className="muted">Updating…</span>}
      {result.total > 0 && (
        <ExportButton
          catalogId={catalogId}
          query={result.query}
          mode={result.mode}
          filters={result.filters}
          name={result.query ? `${name} ${result.query}` : name}
        />
      )}
    </div>
  );
}

export function SearchView({ catalogId }: { catalogId: string }) {
  useSearchAsYouType(catalogId);
  const result = useSearch((s) => s.result);
  const empty = useApp((s) => selectCatalog(s)?.products === 0);
  if (empty) {
    return (
      <div className="welcome">
        <EmptyState title="This catalog has no products yet">
          <p>Import a file into it to start searching.</p>
        </EmptyState>
        <DropTarget />
      </div>
    );
  }
  return (
    <div className="search-view">
      <SearchBar />
      <div className="search-body">
        <FilterPanel />
        <section className="search-results" aria-label="Results">
          <ResultHeader catalogId={catalogId} />
          {result && result.hits.length > 0 && <ResultList hits={result.hits} />}
          {result && result.hits.length === 0 && (
            <EmptyState title="No products match">
              <p>{result.emptyReason ?? 'Try fewer words or clear a filter.'}</p>
            </EmptyState>
          )}
        </section>
      </div>
    </div>
  );
}
