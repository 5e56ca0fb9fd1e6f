import { SEARCH_MODES } from '../../../shared/types.ts';
import { useSearch } from '../../store/search-store.ts';
import { RESULTS_ID } from './ResultList.tsx';

export const SEARCH_INPUT_ID = 'search-input';

const MODE_LABELS = { hybrid: 'Hybrid', keyword: 'Keyword', semantic: 'Semantic' } as const;

export function SearchBar() {
  const query = useSearch((s) => s.query);
  const mode = useSearch((s) => s.mode);
  const { setQuery, setMode } = useSearch.getState();
  return (
    <div className="search-bar">
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        className="search-input"
        placeholder="Search products or SKUs, e.g. “leather bag under $50”   (Ctrl+K)"
        aria-label="Search products"
        value={query}
        autoComplete="off"
        spellCheck={false}
        maxLength={1000}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          // Down from the search box goes to the first result, so search → open needs no mouse.
          if (event.key !== 'ArrowDown') return;
          const first = document.getElementById(RESULTS_ID)?.querySelector<HTMLElement>('[data-index="0"]');
          if (first) {
            event.preventDefault();
            first.focus();
          }
        }}
      />
      <div className="segmented" role="radiogroup" aria-label="Search mode">
        {SEARCH_MODES.map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={mode === m}
            className={mode === m ? 'active' : ''}
            onClick={() => setMode(m)}
          >
            {MODE_LABELS[m]}
          </button>
        ))}
      </div>
    </div>
  );
}
