import { useEffect, useRef } from 'react';
import { useSynonyms } from '../../store/synonyms-store.ts';
import type { DraftRow } from './synonym-text.ts';
import { hasEdits } from './synonym-text.ts';

function GroupRow({ row, index, disabled }: { row: DraftRow; index: number; disabled: boolean }) {
  const { edit, remove } = useSynonyms.getState();
  const errorId = `synonym-error-${row.key}`;
  return (
    <li className="synonym-row">
      <input
        data-key={row.key}
        aria-label={`Synonym group ${index + 1}`}
        aria-invalid={row.error !== null}
        aria-describedby={row.error ? errorId : undefined}
        placeholder="e.g. spectacles, sunglasses"
        value={row.text}
        disabled={disabled}
        maxLength={6000}
        spellCheck={false}
        onChange={(event) => edit(row.key, event.target.value)}
      />
      <button
        type="button"
        className="link-button danger"
        aria-label={`Remove synonym group ${index + 1}`}
        disabled={disabled}
        onClick={() => remove(row.key)}
      >
        Remove
      </button>
      {row.error && (
        <p id={errorId} className="field-error" role="alert">
          {row.error}
        </p>
      )}
    </li>
  );
}

export function SynonymsView({ catalogId }: { catalogId: string }) {
  const { saved, rows, busy, justSaved } = useSynonyms();
  const dirty = useSynonyms(hasEdits);
  const { load, add, discard, save } = useSynonyms.getState();
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => void load(catalogId), [catalogId, load]);

  if (!saved) return <p className="muted">Loading synonyms…</p>;
  const addGroup = () => {
    const key = add();
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`[data-key="${key}"]`)?.focus());
  };
  return (
    <div className="synonyms-view">
      <form
        className="card"
        aria-label="Synonyms of this catalog"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="card-header">
          <div>
            <h2>Synonyms of this catalog</h2>
            <p className="hint">
              Each group is a list of terms, separated by commas, that should find each other: a search for
              one also finds products that use another. Saved changes apply to the next search; nothing is
              re-indexed.
            </p>
          </div>
          <button type="button" className="button" onClick={addGroup} disabled={busy}>
            Add group
          </button>
        </div>
        {rows.length === 0 ? (
          <p className="muted">No groups of your own yet — the built-in ones below still apply.</p>
        ) : (
          <ul ref={listRef} className="synonym-rows" aria-label="Synonym groups">
            {rows.map((row, i) => (
              <GroupRow key={row.key} row={row} index={i} disabled={busy} />
            ))}
          </ul>
        )}
        <div className="synonym-actions">
          <button type="submit" className="button button-primary" disabled={!dirty || busy}>
            {busy ? 'Saving…' : 'Save synonyms'}
          </button>
          <button type="button" className="button" disabled={!dirty || busy} onClick={discard}>
            Discard changes
          </button>
          <span className="muted" role="status">
            {justSaved
              ? `Saved ${saved.length} ${saved.length === 1 ? 'group' : 'groups'}; the next search uses them.`
              : dirty
                ? 'Unsaved changes'
                : ''}
          </span>
        </div>
      </form>
      <section className="card" aria-label="Built-in synonyms">
        <h2>Built-in synonyms</h2>
        <p className="muted">
          Shelfscope also knows common shopping synonyms — laptop and notebook, earbuds and in-ear headphones,
          tee and t-shirt, and many more. They always apply, in addition to the groups above.
        </p>
      </section>
    </div>
  );
}
