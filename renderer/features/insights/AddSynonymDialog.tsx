import { useState } from 'react';
import type { SynonymSuggestions, TermSuggestion } from '../../../shared/insights.ts';
import { Modal } from '../../components/Modal.tsx';
import { useInsights } from '../../store/insights-store.ts';
import { formatGroup, parseGroup } from '../synonyms/synonym-text.ts';
import { firstOffer } from './insights-text.ts';

function Offers({
  label,
  offers,
  onPick,
}: {
  label: string;
  offers: TermSuggestion[];
  onPick(offer: TermSuggestion): void;
}) {
  return (
    <div className="synonym-offers" role="group" aria-label={label}>
      <span className="stat-label">{label}</span>
      {offers.length === 0 ? (
        <span className="muted">none close</span>
      ) : (
        offers.map((offer) => (
          <button
            key={`${offer.for}>${offer.term}`}
            type="button"
            className="chip"
            onClick={() => onPick(offer)}
          >
            {offer.term}
          </button>
        ))
      )}
    </div>
  );
}

function GroupForm({ suggestions }: { suggestions: SynonymSuggestions }) {
  const busy = useInsights((s) => s.busy);
  const { addSynonym, cancelAdding } = useInsights.getState();
  const [text, setText] = useState(() => {
    const offer = firstOffer(suggestions);
    return offer ? formatGroup([offer.for, offer.term]) : `${suggestions.query}, `;
  });
  const [error, setError] = useState<string | null>(null);
  const pick = (offer: TermSuggestion) => {
    setText(formatGroup([offer.for, offer.term]));
    setError(null);
  };
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = parseGroup(text);
        if ('error' in parsed) setError(parsed.error);
        else void addSynonym(parsed.terms);
      }}
    >
      <p className="hint">
        Closest terms of this catalog — pick one, or type your own. Searches for any term of the group then
        find products that use another; nothing is re-indexed.
      </p>
      <Offers label="By spelling" offers={suggestions.bySpelling} onPick={pick} />
      <Offers label="By meaning" offers={suggestions.byEmbedding} onPick={pick} />
      <label className="settings-field">
        <span>Synonym group</span>
        <input
          value={text}
          aria-invalid={error !== null}
          spellCheck={false}
          maxLength={6000}
          autoFocus
          disabled={busy}
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
          }}
        />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={cancelAdding}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save synonym'}
        </button>
      </div>
    </form>
  );
}

/** The one-click synonym for a query that found nothing, pre-filled with the closest catalog term. */
export function AddSynonymDialog() {
  const adding = useInsights((s) => s.adding);
  const { cancelAdding } = useInsights.getState();
  if (!adding) return null;
  return (
    <Modal labelledBy="add-synonym-title" className="add-synonym-dialog" onCancel={cancelAdding}>
      <h2 id="add-synonym-title">Add a synonym for “{adding.query}”</h2>
      {adding.suggestions ? (
        <GroupForm suggestions={adding.suggestions} />
      ) : (
        <p className="muted">Looking for the closest catalog terms…</p>
      )}
    </Modal>
  );
}
