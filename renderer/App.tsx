import { useEffect } from 'react';
import { api, hasBridge } from './api.ts';
import { EmptyState } from './components/EmptyState.tsx';
import { ErrorBanners } from './components/ErrorBanners.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { AskPanel } from './features/ask/AskPanel.tsx';
import { CatalogList } from './features/catalogs/CatalogList.tsx';
import { HealthView } from './features/health/HealthView.tsx';
import { DropOverlay } from './features/import/DropOverlay.tsx';
import { DropTarget, ImportView } from './features/import/ImportView.tsx';
import { ImportPreview } from './features/import/ImportPreview.tsx';
import { InsightsView } from './features/insights/InsightsView.tsx';
import { ProductPanel } from './features/product/ProductPanel.tsx';
import { SEARCH_INPUT_ID } from './features/search/SearchBar.tsx';
import { SearchView } from './features/search/SearchView.tsx';
import { SettingsButton } from './features/settings/SettingsButton.tsx';
import { StatsView } from './features/stats/StatsView.tsx';
import { SynonymsView } from './features/synonyms/SynonymsView.tsx';
import { selectCatalog, useApp } from './store/app-store.ts';
import type { View } from './store/app-store.ts';
import { useAsk } from './store/ask-store.ts';
import { useImport } from './store/import-store.ts';
import { isRunning } from './store/jobs.ts';
import { useSearch } from './store/search-store.ts';
import { useSettings } from './store/settings-store.ts';
import { useTeam } from './store/team-store.ts';

const TABS: { view: View; label: string }[] = [
  { view: 'search', label: 'Search' },
  { view: 'ask', label: 'Ask' },
  { view: 'synonyms', label: 'Synonyms' },
  { view: 'insights', label: 'Insights' },
  { view: 'import', label: 'Import & indexing' },
  { view: 'stats', label: 'Stats' },
  { view: 'health', label: 'Health' },
];

function useEngineEvents() {
  useEffect(() => {
    const { jobProgress, jobFinished, engineRestarted } = useApp.getState();
    const offs = [
      api.on('jobProgress', jobProgress),
      api.on('jobFinished', jobFinished),
      api.on('engineRestarted', engineRestarted),
      api.on('teamStatus', useTeam.getState().statusChanged),
    ];
    return () => offs.forEach((off) => off());
  }, []);
}

function useKeyboard() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        useApp.getState().setView('search');
        requestAnimationFrame(() => {
          const input = document.getElementById(SEARCH_INPUT_ID) as HTMLInputElement | null;
          input?.focus();
          input?.select();
        });
      } else if (event.key === 'Escape' && !event.defaultPrevented) {
        const app = useApp.getState();
        if (app.productId) app.openProduct(null);
        else if (useImport.getState().path) useImport.getState().clear();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function CatalogScreen({ catalogId, view }: { catalogId: string; view: View }) {
  switch (view) {
    case 'search':
      return <SearchView catalogId={catalogId} />;
    case 'ask':
      return <AskPanel catalogId={catalogId} />;
    case 'synonyms':
      return <SynonymsView catalogId={catalogId} />;
    case 'insights':
      return <InsightsView catalogId={catalogId} />;
    case 'import':
      return <ImportView />;
    case 'stats':
      return <StatsView catalogId={catalogId} />;
    case 'health':
      return <HealthView catalogId={catalogId} />;
  }
}

function Header() {
  const catalog = useApp(selectCatalog);
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  const running = useApp((s) => (s.catalogId ? isRunning(s.jobs[s.catalogId]) : false));
  if (!catalog) return null;
  return (
    <header className="main-header">
      <h1 className="catalog-title">{catalog.name}</h1>
      <div className="tabs" role="tablist" aria-label="Screens">
        {TABS.map((tab) => (
          <button
            key={tab.view}
            type="button"
            role="tab"
            aria-selected={view === tab.view}
            className={view === tab.view ? 'tab active' : 'tab'}
            onClick={() => setView(tab.view)}
          >
            {tab.label}
            {tab.view === 'import' && running && <span className="dot" aria-label="running" />}
          </button>
        ))}
      </div>
    </header>
  );
}

function Main() {
  const catalogId = useApp((s) => s.catalogId);
  const loaded = useApp((s) => s.catalogsLoaded);
  const view = useApp((s) => s.view);
  const previewing = useImport((s) => s.path !== null);
  if (!loaded) return <p className="muted pad">Opening catalogs…</p>;
  if (!catalogId) {
    return previewing ? (
      <ImportPreview />
    ) : (
      <div className="welcome">
        <EmptyState title="Welcome to Shelfscope">
          <p>
            Import a product catalog to search it and ask questions about it — everything stays on this
            computer.
          </p>
        </EmptyState>
        <DropTarget />
      </div>
    );
  }
  return (
    <ErrorBoundary where={view} key={`${catalogId}-${view}`}>
      <CatalogScreen catalogId={catalogId} view={view} />
    </ErrorBoundary>
  );
}

function Shell() {
  useEngineEvents();
  useKeyboard();
  const catalogId = useApp((s) => s.catalogId);
  const catalogs = useApp((s) => s.catalogs);
  // Team catalogs get live updates as soon as they are listed.
  useEffect(() => useTeam.getState().connect(catalogs), [catalogs]);
  useEffect(() => {
    void useApp.getState().refreshCatalogs();
    void useSettings.getState().load();
  }, []);
  // Another catalog starts a fresh search; switching screens keeps it.
  useEffect(() => {
    useSearch.getState().reset();
    useAsk.getState().reset();
  }, [catalogId]);
  return (
    <div className="app">
      <aside className="sidebar">
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          Shelfscope
        </div>
        <CatalogList />
        <SettingsButton />
      </aside>
      <main className="main">
        <Header />
        <ErrorBanners />
        <div className="content">
          <Main />
        </div>
      </main>
      {catalogId && (
        <ErrorBoundary where="product details">
          <ProductPanel catalogId={catalogId} />
        </ErrorBoundary>
      )}
      <DropOverlay />
    </div>
  );
}

export function App() {
  if (!hasBridge()) {
    return (
      <EmptyState title="Shelfscope is not connected">
        <p>This page runs inside the Shelfscope app. Start it with “npm start”.</p>
      </EmptyState>
    );
  }
  return (
    <ErrorBoundary where="app">
      <Shell />
    </ErrorBoundary>
  );
}
