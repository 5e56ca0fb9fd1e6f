import { useState } from 'react';
import type { CatalogInfo } from '../../../shared/types.ts';
import { api } from '../../api.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatCount, formatDate } from '../../components/format.ts';
import { useApp } from '../../store/app-store.ts';
import { isRunning } from '../../store/jobs.ts';
import { OpenTeamDialog } from '../team/OpenTeamDialog.tsx';
import { ShareDialog } from '../team/ShareDialog.tsx';
import { TeamLine } from '../team/TeamLine.tsx';

function NameForm({
  initial,
  label,
  onSubmit,
  onCancel,
}: {
  initial: string;
  label: string;
  onSubmit(name: string): Promise<void>;
  onCancel(): void;
}) {
  const [name, setName] = useState(initial);
  return (
    <form
      className="name-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim()) void onSubmit(name.trim());
      }}
    >
      <input
        aria-label={label}
        value={name}
        maxLength={200}
        autoFocus
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            onCancel();
          }
        }}
      />
      <button type="submit" className="button button-small button-primary" disabled={!name.trim()}>
        Save
      </button>
    </form>
  );
}

function CatalogRow({ catalog }: { catalog: CatalogInfo }) {
  const selected = useApp((s) => s.catalogId === catalog.id);
  const running = useApp((s) => isRunning(s.jobs[catalog.id]));
  const { openCatalog, refreshCatalogs, report } = useApp.getState();
  const [mode, setMode] = useState<'view' | 'rename' | 'delete' | 'share'>('view');

  if (mode === 'rename') {
    return (
      <li className="catalog-row editing">
        <NameForm
          initial={catalog.name}
          label="Catalog name"
          onCancel={() => setMode('view')}
          onSubmit={async (name) => {
            try {
              await api.renameCatalog({ catalogId: catalog.id, name });
              setMode('view');
              await refreshCatalogs();
            } catch (err) {
              report(err);
            }
          }}
        />
      </li>
    );
  }
  return (
    <li className={`catalog-row${selected ? ' selected' : ''}`}>
      <button
        type="button"
        className="catalog-open"
        aria-current={selected ? 'true' : undefined}
        onClick={() => openCatalog(catalog.id)}
      >
        <span className="catalog-name">{catalog.name}</span>
        <span className="catalog-meta">
          {formatCount(catalog.products)} products
          {running
            ? ' · indexing…'
            : catalog.embedded < catalog.products
              ? ` · ${formatCount(catalog.embedded)} indexed`
              : ''}
        </span>
        <span className="catalog-meta">
          {catalog.model} · indexed {formatDate(catalog.lastIndexedAt)}
        </span>
      </button>
      <TeamLine catalog={catalog} />
      <div className="catalog-actions">
        <button
          type="button"
          className="link-button"
          onClick={() => setMode('share')}
          aria-label={`Share ${catalog.name} with team`}
        >
          Share with team…
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => setMode('rename')}
          aria-label={`Rename ${catalog.name}`}
        >
          Rename
        </button>
        <button
          type="button"
          className="link-button danger"
          onClick={() => setMode('delete')}
          aria-label={`Delete ${catalog.name}`}
        >
          Delete
        </button>
      </div>
      {mode === 'share' && <ShareDialog catalog={catalog} onClose={() => setMode('view')} />}
      {mode === 'delete' && (
        <ConfirmDialog
          title={`Delete “${catalog.name}”?`}
          message={`Its ${formatCount(catalog.products)} products, search index and history are removed from this computer. The source file is not touched.`}
          confirmLabel="Delete catalog"
          onCancel={() => setMode('view')}
          onConfirm={async () => {
            setMode('view');
            try {
              await api.deleteCatalog({ catalogId: catalog.id });
              await refreshCatalogs();
            } catch (err) {
              report(err);
            }
          }}
        />
      )}
    </li>
  );
}

export function CatalogList() {
  const catalogs = useApp((s) => s.catalogs);
  const loaded = useApp((s) => s.catalogsLoaded);
  const [creating, setCreating] = useState(false);
  const [openingTeam, setOpeningTeam] = useState(false);
  const { openCatalog, refreshCatalogs, report } = useApp.getState();

  return (
    <nav className="catalogs" aria-label="Catalogs">
      <div className="sidebar-heading">
        <h2>Catalogs</h2>
        <button type="button" className="button button-small" onClick={() => setCreating(true)}>
          New
        </button>
        <button type="button" className="button button-small" onClick={() => setOpeningTeam(true)}>
          Open team catalog…
        </button>
      </div>
      {openingTeam && <OpenTeamDialog onClose={() => setOpeningTeam(false)} />}
      {creating && (
        <NameForm
          initial=""
          label="New catalog name"
          onCancel={() => setCreating(false)}
          onSubmit={async (name) => {
            try {
              const created = await api.createCatalog({ name });
              setCreating(false);
              await refreshCatalogs();
              openCatalog(created.id);
            } catch (err) {
              report(err);
            }
          }}
        />
      )}
      {loaded && catalogs.length === 0 && !creating && (
        <p className="sidebar-note">No catalogs yet. Drop a product file anywhere to create one.</p>
      )}
      <ul className="catalog-list">
        {catalogs.map((catalog) => (
          <CatalogRow key={catalog.id} catalog={catalog} />
        ))}
      </ul>
    </nav>
  );
}
