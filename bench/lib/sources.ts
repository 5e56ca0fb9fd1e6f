// The real product text the generated catalogs are recombined from: Icecat electronics and Myntra fashion.
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';

// Next to the repository on these machines; SHELFSCOPE_DATASETS names it for a checkout elsewhere (a worktree).
export const DATASETS_DIR =
  process.env.SHELFSCOPE_DATASETS ?? path.resolve(import.meta.dirname, '../../../shared/datasets');
const ICECAT_FILE = path.join(DATASETS_DIR, 'icecat-chorus-electronics/products.jsonl.gz');
const MYNTRA_FILE = path.join(DATASETS_DIR, 'myntra-fashion-catalog/myntra_products_catalog.csv');

export interface SourceProduct {
  origin: 'icecat' | 'myntra';
  name: string;
  /** The model or part number inside the name, if it has one (mutated to make new products). */
  model: string | null;
  brand: string;
  category: string;
  description: string;
  /** US dollars. */
  price: number;
  color: string | null;
  gender: string | null;
  spec: [string, string][];
}

// Icecat has no category field (product_type is set on 8 % of rows): the title names the type.
const ICECAT_TYPES = [
  'toner cartridge',
  'ink cartridge',
  'notebook',
  'laptop',
  'headphones',
  'headset',
  'processor',
  'motherboard',
  'mouse',
  'keyboard',
  'monitor',
  'cable',
  'battery',
  'printer',
  'hard drive',
  'ssd',
  'memory module',
  'power adapter',
  'charger',
  'case',
  'bag',
  'speaker',
  'webcam',
  'router',
  'switch',
  'network card',
  'graphics card',
  'usb flash drive',
  'memory card',
  'tablet',
  'smartphone',
  'camera',
  'lens',
  'projector',
  'scanner',
  'server',
  'desktop',
  'workstation',
  'docking station',
  'adapter',
  'fan',
  'power supply',
  'ups',
  'tripod',
  'screen protector',
  'stylus',
  'fuser',
  'drum',
  'paper',
  'label',
] as const;
const ICECAT_TYPE_PATTERNS = ICECAT_TYPES.map((t) => ({
  type: t.replace(/\b\w/g, (c) => c.toUpperCase()),
  re: new RegExp(`\\b${t}s?\\b`, 'i'),
}));

// Myntra names end with the garment: "... Printed Medium Trolley Bag", "... Cropped Jeans".
const MYNTRA_TWO_WORD =
  /(trolley bag|kurta set|track pants|sports shoes|casual shoes|formal shoes|flip flops|t-shirt|palazzos|night suit|sling bag)$/i;

function icecatCategory(p: Record<string, unknown>): string {
  const type = p.attr_t_product_type;
  if (typeof type === 'string' && /[a-z]/i.test(type)) return type;
  const title = String(p.title ?? '');
  return ICECAT_TYPE_PATTERNS.find((t) => t.re.test(title))?.type ?? 'Electronics';
}

function myntraCategory(name: string): string {
  const two = MYNTRA_TWO_WORD.exec(name);
  const raw = two ? two[1] : (name.trim().split(/\s+/).pop() ?? 'Apparel');
  return raw.replace(/\b\w/g, (c) => c.toUpperCase());
}

export function loadIcecatSources(file = ICECAT_FILE): SourceProduct[] {
  const lines = gunzipSync(fs.readFileSync(file)).toString('utf8').trim().split('\n');
  return lines.map((line) => {
    const p = JSON.parse(line) as Record<string, unknown>;
    const spec = Object.entries(p)
      .filter(([k, v]) => k.startsWith('attr_t_') && k !== 'attr_t_product_type' && typeof v === 'string')
      .slice(0, 5)
      .map(([k, v]) => [k.slice(7).replace(/_+/g, ' ').trim(), String(v)] as [string, string]);
    return {
      origin: 'icecat',
      name: String(p.title ?? p.name),
      model: typeof p.name === 'string' && /^(?=.*\d)(?=.*[a-z])[\w-]{5,}$/i.test(p.name) ? p.name : null,
      brand: String(p.supplier ?? ''),
      category: icecatCategory(p),
      description: String(p.short_description ?? ''),
      price: Number(p.price ?? 0) / 100,
      color: typeof p.attr_t_product_colour === 'string' ? p.attr_t_product_colour : null,
      gender: null,
      spec,
    };
  });
}

export function loadMyntraSources(file = MYNTRA_FILE): SourceProduct[] {
  const rows = parse(fs.readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  return rows.map((r) => ({
    origin: 'myntra',
    name: r.ProductName,
    model: null,
    brand: r.ProductBrand,
    category: myntraCategory(r.ProductName),
    description: r.Description,
    // INR to USD at a round 83, so one catalog carries one currency.
    price: Math.round((Number(r['Price (INR)']) / 83) * 100) / 100,
    color: r.PrimaryColor?.trim() || null,
    gender: r.Gender || null,
    spec: [],
  }));
}
