// Pure filter edits the search screen makes when a facet or control changes.
import { STOCK_STATES } from '../../../shared/types.ts';
import type { FacetCount, Filters } from '../../../shared/types.ts';

export type FacetName = 'category' | 'brand' | 'price' | 'stock';

const toggle = (list: readonly string[] | undefined, value: string) => {
  const next = list?.includes(value) ? list.filter((v) => v !== value) : [...(list ?? []), value];
  return next.length > 0 ? next : undefined;
};

/** Reads a price-band label such as "25–50", "$25 - $50", "under 25", "< 25" or "100+" into a range. */
export function priceBandRange(label: string): { priceMin?: number; priceMax?: number } | null {
  const numbers = [...label.replace(/,/g, '').matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
  if (numbers.length >= 2) return { priceMin: numbers[0], priceMax: numbers[1] };
  if (numbers.length !== 1) return null;
  if (/under|below|less|<|up to/i.test(label)) return { priceMax: numbers[0] };
  if (/\+|over|above|more|>/i.test(label)) return { priceMin: numbers[0] };
  return null;
}

/** What a stock facet value filters on: true in stock, false out of stock, null ("unknown") nothing. */
function stockFilter(label: string): boolean | null {
  const words = label.trim().toLowerCase().replace(/[-_]/g, ' ');
  if (/^in ?stock$/.test(words)) return true;
  if (/^out of stock$/.test(words)) return false;
  return null;
}

export function withoutEmpty(filters: Filters): Filters {
  const out: Filters = {};
  for (const [key, value] of Object.entries(filters) as [keyof Filters, Filters[keyof Filters]][]) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** The filters after clicking a facet value; clicking the active value again clears it. */
export function applyFacet(filters: Filters, facet: FacetName, value: string): Filters {
  switch (facet) {
    case 'category':
      return withoutEmpty({ ...filters, categories: toggle(filters.categories, value) });
    case 'brand':
      return withoutEmpty({ ...filters, brands: toggle(filters.brands, value) });
    case 'price': {
      const range = priceBandRange(value);
      if (!range) return filters;
      const active = filters.priceMin === range.priceMin && filters.priceMax === range.priceMax;
      return withoutEmpty({
        ...filters,
        priceMin: active ? undefined : range.priceMin,
        priceMax: active ? undefined : range.priceMax,
      });
    }
    case 'stock': {
      const wanted = stockFilter(value);
      if (wanted === null) return filters;
      return withoutEmpty({ ...filters, inStock: filters.inStock === wanted ? undefined : wanted });
    }
  }
}

/** Whether clicking a value can filter on it: the contract has no filter for an unknown stock level. */
export function isFacetActionable(facet: FacetName, value: string): boolean {
  if (facet === 'price') return priceBandRange(value) !== null;
  if (facet === 'stock') return stockFilter(value) !== null;
  return true;
}

export function isFacetActive(filters: Filters, facet: FacetName, value: string): boolean {
  switch (facet) {
    case 'category':
      return filters.categories?.includes(value) ?? false;
    case 'brand':
      return filters.brands?.includes(value) ?? false;
    case 'price': {
      const range = priceBandRange(value);
      return range !== null && filters.priceMin === range.priceMin && filters.priceMax === range.priceMax;
    }
    case 'stock': {
      const wanted = stockFilter(value);
      return wanted !== null && filters.inStock === wanted;
    }
  }
}

/**
 * The filters after clicking an option value ("Color: Blue"). The contract holds one value per option,
 * so another value of the same option replaces it; clicking the active value again clears it.
 */
export function applyOption(filters: Filters, name: string, value: string): Filters {
  const options = { ...filters.options };
  if (options[name] === value) delete options[name];
  else options[name] = value;
  return withoutEmpty({ ...filters, options: Object.keys(options).length > 0 ? options : undefined });
}

export function isOptionActive(filters: Filters, name: string, value: string): boolean {
  return filters.options?.[name] === value;
}

/** On: only products below their regular price now. Off drops the filter rather than asking for "not on sale". */
export function setOnSale(filters: Filters, on: boolean): Filters {
  return withoutEmpty({ ...filters, onSale: on || undefined });
}

/** Stock states in the contract's order (in stock first), anything else ("unknown") after them. */
export function orderStockFacet(values: readonly FacetCount[]): FacetCount[] {
  const rank = (value: string) => {
    const i = (STOCK_STATES as readonly string[]).indexOf(value.toLowerCase());
    return i < 0 ? STOCK_STATES.length : i;
  };
  return [...values].sort((a, b) => rank(a.value) - rank(b.value));
}
