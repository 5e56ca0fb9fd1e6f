import { useEffect, useState } from 'react';
import type { FacetCount } from '../../../shared/types.ts';
import { formatCount } from '../../components/format.ts';
import { useSearch } from '../../store/search-store.ts';
import { applyFacet, isFacetActionable, isFacetActive, withoutEmpty } from './filters.ts';
import type { FacetName } from './filters.ts';

const FACETS: { name: FacetName; title: string }[] = [
  { name: 'category', title: 'Category' },
  { name: 'brand', title: 'Brand' },
  { name: 'price', title: 'Price' },
  { name: 'stock', title: 'Stock' },
];

const VISIBLE_VALUES = 12;

function FacetGroup({ name, title, values }: { name: FacetName; title: string; values: FacetCount[] }) {
  const filters = useSearch((s) => s.filters);
  const setFilters = useSearch((s) => s.setFilters);
  const [expanded, setExpanded] = useState(false);
  if (values.length === 0) return null;
  const shown = expanded ? values : values.slice(0, VISIBLE_VALUES);
  return (
    <fieldset className="facet" data-facet={name}>
      <legend>{title}</legend>
      {shown.map((facet) =>
        isFacetActionable(name, facet.value) ? (
          <label key={facet.value} className="facet-value">
            <input
              type="checkbox"
              checked={isFacetActive(filters, name, facet.value)}
              onChange={() => setFilters(applyFacet(filters, name, facet.value))}
            />
            <span className="facet-label">{facet.value}</span>
            <span className="facet-count">{formatCount(facet.count)}</span>
          </label>
        ) : (
          <div key={facet.value} className="facet-value passive">
            <span className="facet-label">{facet.value}</span>
            <span className="facet-count">{formatCount(facet.count)}</span>
          </div>
        ),
      )}
      {values.length > VISIBLE_VALUES && (
        <button type="button" className="link-button" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer' : `Show all ${values.length}`}
        </button>
      )}
    </fieldset>
  );
}

function readPrice(text: string): number | undefined {
  const value = Number(text.replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(value) || value < 0 ? undefined : value;
}

function PriceRange() {
  const filters = useSearch((s) => s.filters);
  const setFilters = useSearch((s) => s.setFilters);
  const [min, setMin] = useState(filters.priceMin?.toString() ?? '');
  const [max, setMax] = useState(filters.priceMax?.toString() ?? '');
  // Facet clicks and typed-in filters change the range too; keep the boxes in step.
  useEffect(() => setMin(filters.priceMin?.toString() ?? ''), [filters.priceMin]);
  useEffect(() => setMax(filters.priceMax?.toString() ?? ''), [filters.priceMax]);
  const commit = () =>
    setFilters(withoutEmpty({ ...filters, priceMin: readPrice(min), priceMax: readPrice(max) }));
  return (
    <fieldset className="facet price-range">
      <legend>Price range</legend>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          commit();
        }}
      >
        <input
          aria-label="Minimum price"
          inputMode="decimal"
          placeholder="Min"
          value={min}
          onChange={(event) => setMin(event.target.value)}
          onBlur={commit}
        />
        <span aria-hidden="true">–</span>
        <input
          aria-label="Maximum price"
          inputMode="decimal"
          placeholder="Max"
          value={max}
          onChange={(event) => setMax(event.target.value)}
          onBlur={commit}
        />
        <button type="submit" className="button button-small">
          Apply
        </button>
      </form>
    </fieldset>
  );
}

export function FilterPanel() {
  const facets = useSearch((s) => s.result?.facets);
  const filters = useSearch((s) => s.filters);
  const setFilters = useSearch((s) => s.setFilters);
  const active = Object.keys(filters).length > 0;
  return (
    <aside className="filters" aria-label="Filters">
      <div className="filters-heading">
        <h2>Filters</h2>
        {active && (
          <button type="button" className="link-button" onClick={() => setFilters({})}>
            Clear all
          </button>
        )}
      </div>
      <label className="toggle">
        <input
          type="checkbox"
          checked={filters.inStock === true}
          onChange={(event) =>
            setFilters(withoutEmpty({ ...filters, inStock: event.target.checked || undefined }))
          }
        />
        <span>In stock only</span>
      </label>
      <PriceRange />
      {facets &&
        FACETS.map((f) => <FacetGroup key={f.name} name={f.name} title={f.title} values={facets[f.name]} />)}
    </aside>
  );
}
