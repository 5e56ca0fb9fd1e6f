import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { FacetCount, Facets } from '../../../shared/types.ts';
import { CategoryName } from '../../components/CategoryName.tsx';
import { formatCount } from '../../components/format.ts';
import { useSearch } from '../../store/search-store.ts';
import { findingLabel } from '../health/finding-label.ts';
import {
  applyFacet,
  applyOption,
  isFacetActionable,
  isFacetActive,
  isOptionActive,
  orderStockFacet,
  setOnSale,
  withoutEmpty,
} from './filters.ts';
import type { FacetName } from './filters.ts';

const FACETS: { name: FacetName; title: string }[] = [
  { name: 'category', title: 'Category' },
  { name: 'brand', title: 'Brand' },
  { name: 'price', title: 'Price' },
  { name: 'stock', title: 'Stock' },
];

const VISIBLE_VALUES = 12;

type FacetGroupProps = {
  title: string;
  values: FacetCount[];
  isActive(value: string): boolean;
  onToggle(value: string): void;
  /** False for a value the contract has no filter for: it is shown with its count, not offered as a click. */
  canFilter?(value: string): boolean;
  label?(value: string): ReactNode;
  /** Test and e2e hooks on the fieldset. */
  attrs: { 'data-facet'?: string; 'data-testid'?: string };
};

function FacetGroup({ title, values, isActive, onToggle, canFilter, label, attrs }: FacetGroupProps) {
  const [expanded, setExpanded] = useState(false);
  if (values.length === 0) return null;
  const shown = expanded ? values : values.slice(0, VISIBLE_VALUES);
  return (
    <fieldset className="facet" {...attrs}>
      <legend>{title}</legend>
      {shown.map((facet) =>
        (canFilter?.(facet.value) ?? true) ? (
          <label key={facet.value} className="facet-value">
            <input type="checkbox" checked={isActive(facet.value)} onChange={() => onToggle(facet.value)} />
            <span className="facet-label">{label?.(facet.value) ?? facet.value}</span>
            <span className="facet-count">{formatCount(facet.count)}</span>
          </label>
        ) : (
          <div key={facet.value} className="facet-value passive">
            <span className="facet-label">{label?.(facet.value) ?? facet.value}</span>
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

/** Categories are paths: the list shows each leaf, the whole path on hover and to screen readers. */
const categoryLabel = (value: string) => <CategoryName path={value} />;

function FieldFacet({ name, title, values }: { name: FacetName; title: string; values: FacetCount[] }) {
  const filters = useSearch((s) => s.filters);
  const setFilters = useSearch((s) => s.setFilters);
  return (
    <FacetGroup
      title={title}
      values={name === 'stock' ? orderStockFacet(values) : values}
      isActive={(value) => isFacetActive(filters, name, value)}
      onToggle={(value) => setFilters(applyFacet(filters, name, value))}
      canFilter={(value) => isFacetActionable(name, value)}
      label={name === 'category' ? categoryLabel : undefined}
      attrs={{ 'data-facet': name }}
    />
  );
}

/** One group per variant option ("Color", "Size"), counting the products that offer each value. */
function OptionFacet({ option }: { option: Facets['options'][number] }) {
  const filters = useSearch((s) => s.filters);
  const setFilters = useSearch((s) => s.setFilters);
  return (
    <FacetGroup
      title={option.name}
      values={option.values}
      isActive={(value) => isOptionActive(filters, option.name, value)}
      onToggle={(value) => setFilters(applyOption(filters, option.name, value))}
      attrs={{ 'data-facet': `option:${option.name}`, 'data-testid': `facet-options-${option.name}` }}
    />
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
      {filters.health && (
        <div className="chip health-chip" data-testid="filter-health">
          Health: {findingLabel(filters.health)}
          <button
            type="button"
            className="link-button"
            aria-label="Clear the health filter"
            onClick={() => setFilters(withoutEmpty({ ...filters, health: undefined }))}
          >
            ×
          </button>
        </div>
      )}
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
      <label className="toggle">
        <input
          type="checkbox"
          data-testid="filter-on-sale"
          checked={filters.onSale === true}
          onChange={(event) => setFilters(setOnSale(filters, event.target.checked))}
        />
        <span>On sale only</span>
      </label>
      <PriceRange />
      {facets &&
        FACETS.map((f) => <FieldFacet key={f.name} name={f.name} title={f.title} values={facets[f.name]} />)}
      {facets?.options.map((option) => (
        <OptionFacet key={option.name} option={option} />
      ))}
    </aside>
  );
}
