// Seeded synthetic catalogs that read like real ones: each product recombines a real product's name,
// another real brand, a sibling's description sentence, real attributes and a jittered real price.
import fs from 'node:fs';
import { Random } from './random.ts';
import type { SourceProduct } from './sources.ts';

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

interface Pools {
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

function csvField(value: string | number): string {
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsvLine(p: GeneratedProduct): string {
  return CSV_COLUMNS.map((c) => csvField(p[c])).join(',');
}

/** Streams the catalog to a CSV file; returns its size in bytes. */
export async function writeCatalogCsv(file: string, products: Iterable<GeneratedProduct>): Promise<number> {
  const out = fs.createWriteStream(`${file}.tmp`);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(`${CSV_COLUMNS.join(',')}\n`);
  let chunk = '';
  for (const p of products) {
    chunk += `${toCsvLine(p)}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  fs.renameSync(`${file}.tmp`, file);
  return fs.statSync(file).size;
}
