import { PRODUCT_FIELDS } from '../../../shared/types.ts';
import type { ProductField } from '../../../shared/types.ts';
import { useApp } from '../../store/app-store.ts';
import { NEW_CATALOG, useImport } from '../../store/import-store.ts';
import { SUPPORTED_PLATFORMS, mappingEdited } from './platforms.ts';

const FIELD_LABELS: Record<ProductField, string> = {
  id: 'ID / SKU',
  name: 'Name',
  description: 'Description',
  category: 'Category',
  brand: 'Brand',
  price: 'Price',
  compareAtPrice: 'Regular / compare-at price',
  currency: 'Currency',
  stock: 'Stock',
  stockState: 'Availability',
  season: 'Season',
  discountPercent: 'Discount % (no regular price)',
};

function MappingEditor() {
  const preview = useImport((s) => s.preview);
  const mapping = useImport((s) => s.mapping);
  const setMapping = useImport((s) => s.setMapping);
  if (!preview) return null;
  return (
    <fieldset className="mapping">
      <legend>Column mapping</legend>
      <p className="hint">Columns not mapped to a field are kept as attributes and stay searchable.</p>
      <div className="mapping-grid">
        {PRODUCT_FIELDS.map((field) => (
          <label key={field} className="mapping-field">
            <span>{FIELD_LABELS[field]}</span>
            <select
              aria-label={FIELD_LABELS[field]}
              value={mapping[field] ?? ''}
              onChange={(event) => {
                const next = { ...mapping };
                if (event.target.value) next[field] = event.target.value;
                else delete next[field];
                setMapping(next);
              }}
            >
              <option value="">— not mapped —</option>
              {preview.columns.map((column) => (
                <option key={column} value={column}>
                  {column}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * Which export the file was recognised as. A platform's mapping comes from its profile, so the manager
 * knows the dropdowns below were filled by the profile and that changing one overrides it.
 */
function DetectedPlatform() {
  const preview = useImport((s) => s.preview);
  const mapping = useImport((s) => s.mapping);
  const setMapping = useImport((s) => s.setMapping);
  if (!preview) return null;
  const { platform } = preview;
  return (
    <div className="detected">
      <p className="detected-platform" data-testid="detected-platform">
        {platform
          ? `Detected: ${platform.label}`
          : `Detected: generic ${preview.format.toUpperCase()}, no shop platform`}
      </p>
      <p className="hint">
        {platform
          ? 'The mapping below follows its layout; change any field to override it.'
          : `Columns were matched by their names. Recognised exports: ${SUPPORTED_PLATFORMS}.`}
        {mappingEdited(preview.mapping, mapping) && (
          <>
            {' '}
            <button type="button" className="link-button" onClick={() => setMapping(preview.mapping)}>
              Restore the detected mapping
            </button>
          </>
        )}
      </p>
    </div>
  );
}

function SampleTable() {
  const preview = useImport((s) => s.preview);
  const mapping = useImport((s) => s.mapping);
  if (!preview) return null;
  const mapped = new Map(Object.entries(mapping).map(([field, column]) => [column, field]));
  return (
    <div className="table-scroll sample-table">
      <table>
        <caption>First {preview.sampleRows.length} rows</caption>
        <thead>
          <tr>
            {preview.columns.map((column) => (
              <th key={column} scope="col">
                {column}
                {mapped.has(column) && <span className="mapped-as">→ {mapped.get(column)}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.sampleRows.map((row, i) => (
            <tr key={i}>
              {preview.columns.map((column) => (
                <td key={column} title={row[column]}>
                  {row[column]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ImportPreview() {
  const { preview, path, target, newName, busy } = useImport();
  const { setTarget, setNewName, clear, start } = useImport.getState();
  const catalogs = useApp((s) => s.catalogs);
  if (!path) return null;
  if (!preview) return <p className="loading">Reading {path}…</p>;
  const targetCatalog = catalogs.find((c) => c.id === target);
  return (
    <section className="card import-preview" aria-label="Import preview">
      <header className="card-header">
        <div>
          <h2>Import {preview.file.split(/[\\/]/).pop()}</h2>
          <p className="hint">
            {preview.format.toUpperCase()} · {preview.columns.length} columns · {path}
          </p>
        </div>
      </header>
      <div className="import-target">
        <label>
          <span>Into</span>
          <select value={target} onChange={(event) => setTarget(event.target.value)}>
            <option value={NEW_CATALOG}>A new catalog</option>
            {catalogs.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {target === NEW_CATALOG && (
          <label>
            <span>New catalog name</span>
            <input value={newName} maxLength={200} onChange={(event) => setNewName(event.target.value)} />
          </label>
        )}
        {targetCatalog && targetCatalog.products > 0 && (
          <p className="warning">
            Rows are matched by ID: changed rows are updated and rows missing from this file are removed from
            “{targetCatalog.name}”.
          </p>
        )}
      </div>
      <DetectedPlatform />
      <MappingEditor />
      <SampleTable />
      <div className="actions">
        <button type="button" className="button" onClick={clear} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="button button-primary" onClick={() => void start()} disabled={busy}>
          Start import
        </button>
      </div>
    </section>
  );
}
