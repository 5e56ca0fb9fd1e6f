// Seeded generators of hostile IPC payloads: structured-clonable values (what Electron's IPC can carry)
// that are wrong in every way a compromised or buggy renderer could make them, plus near-valid payloads
// built from a method's own field names so that many pass validation and reach the engine.
import { random } from './catalog-gen.ts';

const STRINGS = [
  '',
  ' ',
  'x',
  'a'.repeat(1001),
  'b'.repeat(100_001),
  '../../../../etc/passwd',
  '/etc/passwd',
  '/dev/zero',
  '/proc/self/environ',
  'C:\\Windows\\win.ini',
  '\\\\server\\share\\x.csv',
  'file:///etc/passwd',
  'nul\0byte',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'isPrototypeOf',
  'how many constructor under $20 are in stock?',
  'cheapest toString in valueOf',
  '\u202eevil\u202c',
  '🙂'.repeat(400),
  '\ud800',
  "'; DROP TABLE products; --",
  '" OR 1=1 --',
  'name:boots NEAR(a b) AND OR NOT *',
  '"unterminated',
  '(((((((((',
  '$'.repeat(50),
  'price<-1e309',
  'under $-5 in stock over $abc',
  'RSG-8901',
  'rsg 8901',
  'how many boots under $80 are out of stock?',
  'warm boots',
  '%00%2e%2e%2f',
  '<script>alert(1)</script>',
  'catalog',
];

const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  2 ** 31,
  2 ** 53 + 1,
  -(2 ** 63),
  1e308,
  Number.MIN_VALUE,
  NaN,
  Infinity,
  -Infinity,
];

type Rand = () => number;

function pick<T>(rand: Rand, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function deep(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** An own data property even for "__proto__" (as JSON.parse and IPC deserialisation make it). */
function ownProperty(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Any structured-clonable value, biased towards the awkward ones. */
export function hostileValue(rand: Rand, depth = 0): unknown {
  const r = rand();
  if (r < 0.08) return undefined;
  if (r < 0.14) return null;
  if (r < 0.18) return rand() < 0.5;
  if (r < 0.3) return pick(rand, NUMBERS);
  if (r < 0.55) return pick(rand, STRINGS);
  if (r < 0.6) return BigInt(Math.floor(rand() * 1e6)) * 10n ** 20n;
  if (r < 0.63) return new Date(rand() < 0.5 ? NaN : rand() * 1e13);
  if (r < 0.65) return new Map([[pick(rand, STRINGS), pick(rand, NUMBERS)]]);
  if (r < 0.67) return new Set([pick(rand, STRINGS)]);
  if (r < 0.69) return new Uint8Array(Math.floor(rand() * 64));
  if (r < 0.7) return /.*/g;
  // Deeper than structured cloning (IPC) can carry is refused in the renderer, before it is sent.
  if (r < 0.72) return deep(200 + Math.floor(rand() * 1500));
  if (depth > 3) return pick(rand, STRINGS);
  if (r < 0.85) return Array.from({ length: Math.floor(rand() * 6) }, () => hostileValue(rand, depth + 1));
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 5); i > 0; i--)
    ownProperty(obj, pick(rand, STRINGS), hostileValue(rand, depth + 1));
  if (rand() < 0.2) ownProperty(obj, '__proto__', { polluted: true });
  return obj;
}

/** Strings the contract accepts (≤ 200 characters) but that are awkward for whatever reads them. */
const VALID_STRINGS = STRINGS.filter((s) => s.length > 0 && s.length <= 200);

/** Values the contract accepts for a field, or null when any of the general pool may do. */
function validValue(rand: Rand, field: string, targets: FuzzTargets): unknown {
  switch (field) {
    case 'catalogId':
      return pick(rand, [...targets.catalogIds, 'nope', 'x'.repeat(64)]);
    case 'path':
      return pick(rand, [
        ...targets.files,
        '/etc/passwd',
        '/dev/zero',
        '/proc/self/mem',
        '/',
        '/nonexistent.csv',
      ]);
    case 'mode':
      return pick(rand, ['hybrid', 'keyword', 'semantic']);
    case 'format':
      return pick(rand, ['csv', 'tsv', 'json', 'jsonl', 'xlsx']);
    case 'limit':
      return pick(rand, [1, 7, 50, 1000]);
    case 'filters':
      return {
        priceMin: rand() < 0.5 ? pick(rand, [-1e308, -5, 0, 80, 1e308]) : undefined,
        categories: rand() < 0.5 ? [pick(rand, VALID_STRINGS)] : undefined,
        attributes:
          rand() < 0.5
            ? Object.fromEntries([[pick(rand, VALID_STRINGS), pick(rand, VALID_STRINGS)]])
            : undefined,
        inStock: rand() < 0.5,
      };
    case 'mapping':
      return { id: pick(rand, ['product_id', ...VALID_STRINGS]), name: 'name' };
    case 'groups':
      return [[pick(rand, VALID_STRINGS), pick(rand, VALID_STRINGS)]];
    case 'llmEndpoint':
      return pick(rand, [null, 'http://127.0.0.1:9/v1']);
    case 'llmTimeoutMs':
      return pick(rand, [500, 120_000]);
    case 'llmModel':
      return pick(rand, [null, ...VALID_STRINGS]);
    default:
      return pick(rand, VALID_STRINGS);
  }
}

/** Plausible values for a contract field, mixed with hostile ones; `catalogIds` are the ones to aim at. */
function fieldValue(rand: Rand, field: string, catalogIds: string[], files: string[]): unknown {
  if (rand() < 0.15) return hostileValue(rand);
  switch (field) {
    case 'catalogId':
      return pick(rand, [
        ...catalogIds,
        'nope',
        'a',
        'x'.repeat(64),
        'x'.repeat(65),
        'UPPER',
        '-lead',
        '..',
        'a/b',
      ]);
    case 'path':
      return pick(rand, [
        ...files,
        '/etc/passwd',
        '/dev/zero',
        '/dev/urandom',
        '/proc/self/mem',
        '/',
        '/nonexistent.csv',
        '.',
        '~/.ssh/id_rsa',
      ]);
    case 'mode':
      return pick(rand, ['hybrid', 'keyword', 'semantic', 'HYBRID', 'sql']);
    case 'format':
      return pick(rand, ['csv', 'tsv', 'json', 'jsonl', 'xlsx', 'exe']);
    case 'limit':
      return pick(rand, [1, 5, 50, 1000, 1001, 0, -5, 2.5]);
    case 'filters': {
      const maybe = (value: () => unknown) => (rand() < 0.5 ? value() : undefined);
      return {
        priceMin: maybe(() => pick(rand, NUMBERS)),
        priceMax: maybe(() => pick(rand, NUMBERS)),
        categories: maybe(() => [pick(rand, STRINGS)]),
        brands: maybe(() => (rand() < 0.2 ? Array.from({ length: 101 }, () => 'b') : [pick(rand, STRINGS)])),
        inStock: maybe(() => rand() < 0.5),
        attributes: maybe(() => Object.fromEntries([[pick(rand, STRINGS), pick(rand, STRINGS)]])),
      };
    }
    case 'mapping':
      return {
        id: pick(rand, ['product_id', 'id', ...STRINGS]),
        name: pick(rand, ['name', 'title', '']),
        ...(rand() < 0.3 ? { bogus: 'x' } : {}),
      };
    case 'groups':
      return Array.from({ length: Math.floor(rand() * 4) }, () =>
        Array.from({ length: Math.floor(rand() * 4) }, () => pick(rand, STRINGS)),
      );
    case 'llmEndpoint':
      return pick(rand, [
        null,
        'http://localhost:1/v1',
        'http://example.com/v1',
        'ftp://127.0.0.1',
        'http://127.0.0.1.evil.com',
        'not a url',
      ]);
    case 'llmTimeoutMs':
      return pick(rand, [500, 1000, 499, 120_001, 1.5]);
    default:
      return pick(rand, STRINGS);
  }
}

export interface FuzzTargets {
  catalogIds: string[];
  files: string[];
}

/** `count` payloads for a method whose input object has `fields`, seeded per method. */
export function payloadsFor(seed: number, fields: string[], count: number, targets: FuzzTargets): unknown[] {
  const rand = random(seed);
  return Array.from({ length: count }, () => {
    const r = rand();
    if (r < 0.2) return hostileValue(rand);
    // Near-valid payloads get past validation and make the handlers themselves face odd input.
    const nearValid = r > 0.6;
    const payload: Record<string, unknown> = {};
    for (const field of fields) {
      if (rand() < 0.1) continue;
      payload[field] = nearValid
        ? validValue(rand, field, targets)
        : fieldValue(rand, field, targets.catalogIds, targets.files);
    }
    if (rand() < 0.15) ownProperty(payload, pick(rand, STRINGS), hostileValue(rand));
    return payload;
  });
}
