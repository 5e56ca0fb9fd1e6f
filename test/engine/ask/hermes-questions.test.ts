import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../electron/engine/ask/answer.ts';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import { createModelProvider } from '../../../electron/engine/models.ts';
import type { Answer, AskRoute, Settings } from '../../../shared/types.ts';
import { HERMES_CSV, importInto, tempDir } from '../helpers.ts';

// The question set runs against the real Hermes catalog; every number it expects is computed here from
// the CSV itself, independently of the engine's SQL.

interface Row {
  id: string;
  name: string;
  category: string;
  description: string;
  stock: number;
  seasons: string;
  price: number;
}

/** RFC 4180 CSV, enough for this file: quoted fields with commas and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
    } else if (quoted || c !== '\r') {
      field += c;
    }
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

const [, ...records] = parseCsv(fs.readFileSync(HERMES_CSV, 'utf8'));
const rows: Row[] = records.map(([id, name, category, description, stock, seasons, price]) => ({
  id,
  name,
  category,
  description,
  stock: Number(stock),
  seasons,
  price: Number(price),
}));

const money = (n: number) =>
  n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const forSeason = (r: Row, s: string) => r.seasons.split(', ').includes(s) || r.seasons === 'All seasons';
const nameHas = (r: Row, w: string) =>
  r.name
    .toLowerCase()
    .split(/[^a-z]+/)
    .some((x) => x === w || x === `${w}s` || x === `${w}es`);
const cheapestFirst = (a: Row, b: Row) => a.price - b.price || a.name.localeCompare(b.name);

interface Case {
  q: string;
  route: AskRoute;
  /** Text the answer must contain (numbers computed from the CSV). */
  says?: string[];
  /** Exactly these citations, in any order. */
  cites?: string[];
  /** At least these citations. */
  citesSome?: string[];
  /** Every cited product must satisfy this. */
  each?: (r: Row) => boolean;
}

const bags = rows.filter((r) => r.category === 'Bags');
const menShoes = rows.filter((r) => r.category === "Men's Shoes");
const accessories = rows.filter((r) => r.category.endsWith('Accessories'));
const kids = rows.filter((r) => r.category === "Kids' Clothing");
const lowStock = rows.filter((r) => r.stock < 3);
const winterUnder50 = rows.filter((r) => forSeason(r, 'Winter') && r.price < 50);
const dresses = rows.filter((r) => nameHas(r, 'dress'));
const sweaters = rows.filter((r) => nameHas(r, 'sweater'));
const bagsUnder30 = bags.filter((r) => r.price < 30);
const winterAccessories = accessories.filter((r) => forSeason(r, 'Winter')).sort(cheapestFirst);
const third = winterAccessories[2].price;
const maxBag = Math.max(...bags.map((r) => r.price));
const mostStockedMen = rows
  .filter((r) => r.category === "Men's Clothing")
  .sort((a, b) => b.stock - a.stock)[0];
const priciest = [...rows].sort((a, b) => b.price - a.price)[0];
const byId = (id: string) => rows.find((r) => r.id === id) as Row;

const CASES: Case[] = [
  // Aggregates: exact numbers, checked against the CSV.
  {
    q: 'How many bags are out of stock?',
    route: 'aggregate',
    says: ['No products in Bags are out of stock'],
    cites: [],
  },
  {
    q: 'How many bags are in stock?',
    route: 'aggregate',
    says: [
      `${bags.filter((r) => r.stock > 0).length} products in Bags`,
      `${sum(bags.map((r) => r.stock))} units`,
    ],
  },
  {
    q: "Average price of men's shoes",
    route: 'aggregate',
    says: [`${menShoes.length} products`, money(sum(menShoes.map((r) => r.price)) / menShoes.length)],
    cites: menShoes.map((r) => r.id),
  },
  {
    q: 'Which products have fewer than 3 in stock?',
    route: 'aggregate',
    says: [`${lowStock.length} products`, `${sum(lowStock.map((r) => r.stock))} units`],
    each: (r) => r.stock < 3,
  },
  { q: 'How many products are there in total?', route: 'aggregate', says: [`${rows.length} products`] },
  {
    q: 'Total stock of accessories',
    route: 'aggregate',
    says: [`${sum(accessories.map((r) => r.stock))} units across ${accessories.length} products`],
  },
  {
    q: 'How many winter products cost less than $50?',
    route: 'aggregate',
    says: [`${winterUnder50.length} products`],
    each: (r) => forSeason(r, 'Winter') && r.price < 50,
  },
  {
    q: 'How many dresses are there?',
    route: 'aggregate',
    says: [`${dresses.length} products`],
    cites: dresses.map((r) => r.id),
  },
  {
    q: 'What is the maximum price of bags?',
    route: 'aggregate',
    says: [money(maxBag)],
    cites: bags.filter((r) => r.price === maxBag).map((r) => r.id),
  },
  {
    q: "Price range of kids' clothing",
    route: 'aggregate',
    says: [money(Math.min(...kids.map((r) => r.price))), money(Math.max(...kids.map((r) => r.price)))],
    cites: kids.map((r) => r.id),
  },
  {
    q: 'List the bags under $30',
    route: 'aggregate',
    says: [`${bagsUnder30.length} products`],
    cites: bagsUnder30.map((r) => r.id),
  },
  {
    q: 'How many acessories are in stock?',
    route: 'aggregate',
    says: [`${accessories.filter((r) => r.stock > 0).length} products`],
  },
  {
    q: 'What is the total value of the inventory?',
    route: 'aggregate',
    says: [money(sum(rows.map((r) => r.price * r.stock)))],
  },
  {
    q: 'Average stock of sweaters',
    route: 'aggregate',
    says: [
      `${sweaters.length} products`,
      `${Math.round((sum(sweaters.map((r) => r.stock)) / sweaters.length) * 100) / 100} units`,
    ],
  },
  {
    q: 'How many categories are there?',
    route: 'aggregate',
    says: [`${new Set(rows.map((r) => r.category)).size} categories`],
  },
  // Superlatives.
  { q: 'Cheapest bag', route: 'superlative', cites: [[...bags].sort(cheapestFirst)[0].id] },
  {
    q: 'What is the most expensive product?',
    route: 'superlative',
    cites: [priciest.id],
    says: [money(priciest.price)],
  },
  { q: "Which men's clothing item has the most stock?", route: 'superlative', cites: [mostStockedMen.id] },
  {
    q: 'The 3 cheapest winter accessories',
    route: 'superlative',
    cites: winterAccessories.slice(0, 3).map((r) => r.id),
    says: [
      `${winterAccessories.filter((r) => r.price === third).length - 1} more product has the same price (${money(third)})`,
    ],
  },
  { q: 'Cheapest waterproof jacket', route: 'superlative', cites: ['CLR1098'] },
  // Lookups by id (however typed) and by name.
  {
    q: 'Is RSG8901 in stock?',
    route: 'lookup',
    cites: ['RSG8901'],
    says: [`${byId('RSG8901').stock} unit in stock`],
  },
  { q: 'is rsg 8901 available', route: 'lookup', cites: ['RSG8901'] },
  {
    q: 'What does the Chelsea Boots cost?',
    route: 'lookup',
    cites: ['CBT8901'],
    says: [money(byId('CBT8901').price)],
  },
  { q: 'I would like to buy Chelsea Boots [CBT 89 01]', route: 'lookup', cites: ['CBT8901'] },
  {
    q: 'How much does Saddle bag cost and is it suitable for spring season?',
    route: 'lookup',
    cites: ['SDE2345'],
    says: [money(byId('SDE2345').price), 'suits Spring'],
  },
  {
    q: 'Tell me about the Bomber Jacket',
    route: 'lookup',
    cites: ['BMX2345', 'BMX5432'],
    says: ['2 products are named'],
  },
  { q: 'What is the CSH1098 Cozy Shawl made of?', route: 'lookup', cites: ['CSH1098'], says: ['yarn'] },
  // Comparisons.
  {
    q: 'Difference between TLR5432 and CHL4567',
    route: 'comparison',
    cites: ['TLR5432', 'CHL4567'],
    says: [money(byId('TLR5432').price), money(byId('CHL4567').price), 'category'],
  },
  {
    q: 'Which is better, the LTH1098 Leather Backpack or the Leather Tote?',
    route: 'comparison',
    cites: ['LTH1098', 'LTH5432'],
  },
  // Descriptive and recommendations.
  {
    q: 'Something warm for winter hikes under $100',
    route: 'descriptive',
    each: (r) => r.price <= 100 && forSeason(r, 'Winter'),
  },
  { q: 'What would suit a beach holiday?', route: 'descriptive', citesSome: ['CBG9876'] },
  {
    q: 'A bag to carry my laptop and documents for work',
    route: 'descriptive',
    citesSome: ['SBP4567'],
    each: (r) => r.category === 'Bags',
  },
  {
    q: 'I need a dress for a summer wedding',
    route: 'descriptive',
    each: (r) => forSeason(r, 'Summer') && /dress/i.test(`${r.name} ${r.description}`),
  },
  {
    q: "Which men's bag would you recommend for the office and for weekend hikes?",
    route: 'descriptive',
    each: (r) => r.category === 'Bags',
  },
  // Nothing matches: said plainly, with the nearest things instead.
  { q: 'How many televisions do you have?', route: 'no-match', says: ['Nothing in the catalog matches'] },
  { q: 'Do you have any televisions?', route: 'no-match', says: ['Nothing in the catalog matches'] },
  // Nothing of the category asked about: said of that category (the catalog may have ski clothes), and
  // the nearest things offered are of that category too.
  {
    q: "Which women's shoes are best for skiing?",
    route: 'no-match',
    says: ["Nothing in Women's Shoes matches “skiing”."],
    each: (r) => r.category === "Women's Shoes",
  },
  {
    q: 'DHN0987 Gorro de punto grueso',
    route: 'no-match',
    says: ['No product has the id DHN0987', 'CHN0987'],
    citesSome: ['CHN0987'],
  },
];

const BUILT_IN: Settings = { llmEndpoint: null, llmModel: null, llmTimeoutMs: 5_000 };

describe('ask over the Hermes catalog', () => {
  const dir = path.join(tempDir('shelfscope-ask-'), 'hermes');
  let catalog: CatalogService;
  const answers = new Map<string, Answer>();

  beforeAll(async () => {
    catalog = CatalogService.open(dir, createModelProvider(), { create: true, name: 'Hermes' });
    await importInto(catalog, HERMES_CSV);
    for (const c of CASES) answers.set(c.q, await answerQuestion(catalog, c.q, BUILT_IN));
  }, 180_000);

  afterAll(() => catalog.close());

  it.each(CASES.map((c) => [c.q, c] as const))('%s', (_q, c) => {
    const a = answers.get(c.q) as Answer;
    expect(a.route).toBe(c.route);
    expect(a.answeredBy).toBe('built-in');
    for (const text of c.says ?? []) expect(a.answer).toContain(text);
    if (c.cites) expect([...a.citations].sort()).toEqual([...c.cites].sort());
    for (const id of c.citesSome ?? []) expect(a.citations).toContain(id);
    if (c.each) {
      expect(a.citations.length).toBeGreaterThan(0);
      for (const id of a.citations) expect(c.each(byId(id)), id).toBe(true);
    }
    // Every citation is a real product, and the answer names it.
    for (const id of a.citations) {
      expect(rows.some((r) => r.id === id)).toBe(true);
      expect(a.answer).toContain(id);
    }
    expect(a.basedOn.map((b) => b.id)).toEqual(a.citations);
  });
});
