import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { SearchHit } from '../../../shared/types.ts';
import { CategoryName } from '../../components/CategoryName.tsx';
import { Highlight } from '../../components/Highlight.tsx';
import { Offer } from '../../components/Offer.tsx';
import { formatCountOf } from '../../components/format.ts';
import { useApp } from '../../store/app-store.ts';

const ROW_HEIGHT = 84;

/**
 * The third line of a row: which variant a SKU search hit, else the description. A variant SKU match
 * says more than the description does, and a row has room for one of them.
 */
function ResultDetail({ hit }: { hit: SearchHit }) {
  if (hit.matchedVariant) {
    return (
      <span className="result-detail result-matched">
        Matched variant SKU{' '}
        <span className="sku">
          <Highlight text={hit.matchedVariant} terms={hit.matchedTerms} />
        </span>
      </span>
    );
  }
  if (!hit.description) return null;
  return (
    <span className="result-detail result-description">
      <Highlight text={hit.description} terms={hit.matchedTerms} />
    </span>
  );
}

function ResultRow({ hit, index, selected }: { hit: SearchHit; index: number; selected: boolean }) {
  const openProduct = useApp((s) => s.openProduct);
  return (
    <button
      type="button"
      className={`result${selected ? ' selected' : ''}`}
      data-id={hit.id}
      data-index={index}
      // The matched variant travels with the product, so its row is marked in the variant table.
      onClick={() => openProduct(hit.id, hit.matchedVariant)}
    >
      <span className="result-main">
        <span className="result-name">
          <Highlight text={hit.name} terms={hit.matchedTerms} />
        </span>
        <span className="result-meta">
          <span className="sku">
            <Highlight text={hit.id} terms={hit.matchedTerms} />
          </span>
          {hit.category && <CategoryName path={hit.category} />}
          {hit.brand && <span>{hit.brand}</span>}
          {hit.variantCount > 0 && (
            <span className="variant-count">{formatCountOf(hit.variantCount, 'variant')}</span>
          )}
        </span>
        <ResultDetail hit={hit} />
      </span>
      <span className="result-side">
        <Offer offer={hit} />
      </span>
    </button>
  );
}

export const RESULTS_ID = 'search-results';

/** Focuses result `index`, scrolling it into the rendered window first. */
function focusRow(list: HTMLElement, index: number, scrollTo: (index: number) => void) {
  scrollTo(index);
  requestAnimationFrame(() => list.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus());
}

/** Only the rows in view are in the DOM, so thousands of hits scroll smoothly. Arrow keys move between rows. */
export function ResultList({ hits }: { hits: SearchHit[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const productId = useApp((s) => s.productId);
  const virtualizer = useVirtualizer({
    count: hits.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => hits[index].id,
  });
  return (
    <div
      ref={scrollRef}
      id={RESULTS_ID}
      className="results"
      role="list"
      aria-label="Search results"
      onKeyDown={(event) => {
        const current = Number((event.target as HTMLElement).dataset.index);
        if (Number.isNaN(current) || !scrollRef.current) return;
        const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 8, PageUp: -8 }[event.key];
        const next = step === undefined ? null : Math.min(hits.length - 1, Math.max(0, current + step));
        if (next === null) return;
        event.preventDefault();
        focusRow(scrollRef.current, next, (i) => virtualizer.scrollToIndex(i));
      }}
    >
      <div className="results-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            role="listitem"
            className="result-slot"
            style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
          >
            <ResultRow
              hit={hits[item.index]}
              index={item.index}
              selected={hits[item.index].id === productId}
            />
          </div>
        ))}
      </div>
    </div>
  );
}
