// Seeded synthetic catalogs for the reliability suites: every row recombines a real Hermes product (name,
// category, a sentence of its description, its seasons) with a colour, a material and a jittered price, so
// texts vary the way a real export does while the tests never depend on anything outside the repo.
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

const HERMES_CSV = path.resolve(import.meta.dirname, '../../fixtures/catalog/hermes-products.csv');

const COLOURS = ['black', 'navy', 'olive', 'sand', 'red', 'teal', 'grey', 'ivory', 'rust', 'plum'];
const MATERIALS = ['cotton', 'wool', 'leather', 'linen', 'denim', 'suede', 'canvas', 'recycled nylon'];
const FITS = ['classic', 'slim', 'relaxed', 'oversized', 'cropped', 'tailored', 'lightweight'];

export const CSV_HEADER = 'product_id,name,category,description,stock,seasons,price,colour,material';

interface Seed {
  name: string;
  category: string;
  sentence: string;
  seasons: string;
}

/** Deterministic PRNG (mulberry32): the same seed always gives the same catalog and kill schedule. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function parseSeeds(): Seed[] {
  const rows = parse(fs.readFileSync(HERMES_CSV, 'utf8'), { columns: true }) as Record<string, string>[];
  return rows.map((r) => ({
    name: r.name,
    category: r.category,
    sentence: r.description.split(/(?<=\.)\s/)[0],
    seasons: r.seasons,
  }));
}

const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** One CSV line (no newline) for product number `n` of the catalog seeded with `seed`. */
export type RowMaker = (n: number) => string;

export function rowMaker(seed: number): RowMaker {
  const seeds = parseSeeds();
  return (n) => {
    const rand = random(seed * 1_000_003 + n);
    const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
    const base = pick(seeds);
    const colour = pick(COLOURS);
    const material = pick(MATERIALS);
    const name = `${pick(FITS)} ${colour} ${base.name}`;
    const description = `${base.sentence} Made of ${material}.`;
    const price = (5 + rand() * 295).toFixed(2);
    const stock = Math.floor(rand() * 40);
    return [productId(n), name, base.category, description, stock, base.seasons, price, colour, material]
      .map((v) => quote(String(v)))
      .join(',');
  };
}

export function productId(n: number): string {
  return `SKU-${String(n).padStart(7, '0')}`;
}

/** Streams a catalog of `rows` products to `file` without holding it in memory. */
export async function writeCatalogCsv(file: string, rows: number, seed = 1): Promise<void> {
  const make = rowMaker(seed);
  const out = fs.createWriteStream(file);
  out.write(`${CSV_HEADER}\n`);
  let chunk: string[] = [];
  for (let n = 1; n <= rows; n++) {
    chunk.push(make(n));
    if (chunk.length === 2000 || n === rows) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  out.end();
  await once(out, 'finish');
}
