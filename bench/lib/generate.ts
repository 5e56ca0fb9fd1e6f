// Seeded synthetic catalogs that read like real ones: each product recombines a real product's name,
// another real brand, a sibling's description sentence, real attributes and a jittered real price.
import { Random } from './random.ts';
import type { SourceProduct } from './sources.ts';
import { writeStreamed } from './stream-file.ts';

export interface GeneratedProduct {
  id: string;
  name: string;
  brand: string;
  category: string;
  price: number;
  currency: string;
  stock: number;
  color: string;
  gender: string;
  spec: string;
  description: string;
}

export const CSV_COLUMNS: (keyof GeneratedProduct)[] = [
  'id',
  'name',
  'brand',
  'category',
  'price',
  'currency',
  'stock',
  'color',
  'gender',
  'spec',
  'description',
];

export interface Pools {
  sources: SourceProduct[];
  brands: Map<SourceProduct['origin'], string[]>;
  byCategory: Map<string, SourceProduct[]>;
  colors: string[];
}

export function buildPools(sources: SourceProduct[]): Pools {
  const brands = new Map<SourceProduct['origin'], Set<string>>();
  const byCategory = new Map<string, SourceProduct[]>();
  const colors = new Set<string>();
  for (const s of sources) {
    if (!brands.has(s.origin)) brands.set(s.origin, new Set());
    if (s.brand) brands.get(s.origin)?.add(s.brand);
    if (!byCategory.has(s.category)) byCategory.set(s.category, []);
    byCategory.get(s.category)?.push(s);
    if (s.color && s.color.length < 20) colors.add(s.color);
  }
  return {
    sources,
    brands: new Map([...brands].map(([k, v]) => [k, [...v].sort()])),
    byCategory,
    colors: [...colors].sort(),
  };
}

/** Colours that read as one option value ("Navy"), not the lists some Icecat colours are ("Black,Blue"). */
export function optionColors(pools: Pools): string[] {
  return pools.colors.filter((c) => !c.includes(','));
}

/** `k` different items (the list must hold at least `k` different ones). */
export function pickDistinct<T>(rng: Random, items: readonly T[], k: number): T[] {
  const picked = new Set<T>();
  while (picked.size < k) picked.add(rng.pick(items));
  return [...picked];
}

function firstSentence(text: string): string {
  const m = /^(.{20,200}?[.!?])(\s|$)/.exec(text);
  return (m ? m[1] : text.slice(0, 120)).trim();
}

/** A new model number with the same shape: letters kept, digits redrawn. */
function mutateModel(rng: Random, model: string): string {
  return model.replace(/\d/g, () => String(rng.int(0, 9)));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function generateProduct(rng: Random, pools: Pools, index: number): GeneratedProduct {
  const src = rng.pick(pools.sources);
  const brand = rng.chance(0.5) ? src.brand : rng.pick(pools.brands.get(src.origin) ?? [src.brand]);
  let name = src.brand ? src.name.replace(new RegExp(escapeRegExp(src.brand), 'i'), brand) : src.name;
  if (!name.toLowerCase().includes(brand.toLowerCase())) name = `${brand} ${name}`;
  if (src.model) name = name.replace(src.model, mutateModel(rng, src.model));
  const color = rng.chance(0.3) && pools.colors.length ? rng.pick(pools.colors) : (src.color ?? '');
  if (color && src.color && color !== src.color) name = name.replace(src.color, color);
  const sibling = rng.pick(pools.byCategory.get(src.category) ?? [src]);
  const extra = sibling !== src && sibling.description ? ` ${firstSentence(sibling.description)}` : '';
  const price = Math.max(0.99, Math.round(src.price * (0.7 + 0.6 * rng.next())) - 0.01);
  return {
    id: `SKU-${String(index + 1).padStart(7, '0')}`,
    name,
    brand,
    category: src.category,
    price: Math.round(price * 100) / 100,
    currency: 'USD',
    stock: rng.chance(0.15) ? 0 : rng.int(1, 500),
    color,
    gender: src.gender ?? '',
    spec: src.spec.map(([k, v]) => `${k}: ${v}`).join('; '),
    description: `${src.description}${extra}`.trim(),
  };
}

export function* generateProducts(pools: Pools, count: number, seed: number): Generator<GeneratedProduct> {
  const rng = new Random(seed);
  for (let i = 0; i < count; i++) yield generateProduct(rng, pools, i);
}

/** One CSV field, quoted when it holds a quote, a comma or a line break. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsvLine(p: GeneratedProduct): string {
  return CSV_COLUMNS.map((c) => csvField(p[c])).join(',');
}

function* catalogLines(products: Iterable<GeneratedProduct>): Generator<string> {
  yield `${CSV_COLUMNS.join(',')}\n`;
  for (const p of products) yield `${toCsvLine(p)}\n`;
}

/** Streams the catalog to a CSV file; returns its size in bytes. */
export function writeCatalogCsv(file: string, products: Iterable<GeneratedProduct>): Promise<number> {
  return writeStreamed(file, catalogLines(products));
}
