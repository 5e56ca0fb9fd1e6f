// Questions about variants, asked of real platform exports imported through the catalog service. Every
// figure, value and SKU expected is read here from the export file itself, independently of the engine's
// import and SQL.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareAnswer } from '../../../electron/engine/ask/answer.ts';
import { renderContext } from '../../../electron/engine/ask/context.ts';
import { CatalogService } from '../../../electron/engine/catalog-service.ts';
import type { StockState } from '../../../shared/types.ts';
import { countingModels, importInto, tempDir } from '../helpers.ts';
import { askEach, EXPORTS, readCsv } from './ask-each.ts';

interface FileVariant {
  sku: string;
  options: Record<string, string>;
  price: number;
  compareAt: number | null;
  state: StockState;
}

interface FileProduct {
  id: string;
  name: string;
  variants: FileVariant[];
  /** What a product sold as one item states: its own price, state and attributes. */
  price: number | null;
  compareAt: number | null;
  state: StockState | null;
  attributes: Record<string, string>;
  /** Categories as the file writes them (WooCommerce: comma-separated paths). */
  categories: string;
}

// The rules the issue states: a product with variants costs its cheapest variant (on sale when that one
// is), and is in stock when any variant is; otherwise preorder, backorder, out of stock, in that order.
const STATE_ORDER: StockState[] = ['in stock', 'preorder', 'backorder', 'out of stock'];

function cheapest(p: FileProduct): FileVariant | null {
  return p.variants.reduce<FileVariant | null>((a, v) => (a === null || v.price < a.price ? v : a), null);
}

function stateOf(p: FileProduct): StockState | null {
  if (!p.variants.length) return p.state;
  return STATE_ORDER.find((s) => p.variants.some((v) => v.state === s)) ?? null;
}

function onSale(p: FileProduct): boolean {
  const c = cheapest(p);
  return c ? c.compareAt !== null && c.compareAt > c.price : p.compareAt !== null && p.compareAt > p.price!;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const optionOf = (v: FileVariant, name: string) =>
  Object.entries(v.options).find(([k]) => same(k, name))?.[1];
/** An option's values in the order the product's variants first name them. */
const valuesOf = (p: FileProduct, name: string) => [
  ...new Set(p.variants.flatMap((v) => optionOf(v, name) ?? [])),
];
const listsValue = (stated: string | undefined, value: string) =>
  stated?.split(/\s*[,|;/]\s*/).some((s) => same(s, value)) ?? false;
/** Products offering a value: a variant has it, or a product sold as one item names it in an attribute. */
const offers = (p: FileProduct, name: string, value: string, state?: StockState) =>
  p.variants.length
    ? p.variants.some((v) => same(optionOf(v, name) ?? '', value) && (!state || v.state === state))
    : listsValue(Object.entries(p.attributes).find(([k]) => same(k, name))?.[1], value) &&
      (!state || p.state === state);
const money = (n: number) => n.toFixed(2);

/** Shopify: rows grouped by Handle; untracked inventory is in stock, selling past zero a backorder. */
function shopifyProducts(rows: Record<string, string>[]): FileProduct[] {
  const byHandle = new Map<string, Record<string, string>[]>();
  for (const r of rows) byHandle.set(r.Handle, [...(byHandle.get(r.Handle) ?? []), r]);
  return [...byHandle.entries()].map(([handle, group]) => {
    const head = group[0];
    const names = [1, 2, 3].map((i) => head[`Option${i} Name`]);
    const state = (r: Record<string, string>): StockState =>
      !r['Variant Inventory Tracker'] || Number(r['Variant Inventory Qty']) > 0
        ? 'in stock'
        : r['Variant Inventory Policy'] === 'continue'
          ? 'backorder'
          : 'out of stock';
    const buyable = group.filter((r) => r['Variant Price']);
    const plain = buyable.length === 1 && head['Option1 Value'] === 'Default Title';
    const variants = plain
      ? []
      : buyable.map((r) => ({
          sku: r['Variant SKU'],
          options: Object.fromEntries(
            names.flatMap((n, i) => (n && r[`Option${i + 1} Value`] ? [[n, r[`Option${i + 1} Value`]]] : [])),
          ),
          price: Number(r['Variant Price']),
          compareAt: r['Variant Compare At Price'] ? Number(r['Variant Compare At Price']) : null,
          state: state(r),
        }));
    return {
      id: handle,
      name: head.Title,
      variants,
      price: Number(head['Variant Price']),
      compareAt: head['Variant Compare At Price'] ? Number(head['Variant Compare At Price']) : null,
      state: state(head),
      attributes: {},
      categories: head.Type,
    };
  });
}

/** WooCommerce: `variation` rows belong to the product whose SKU their Parent names. */
function wooProducts(rows: Record<string, string>[]): FileProduct[] {
  const attributes = (r: Record<string, string>) =>
    Object.fromEntries(
      [1, 2].flatMap((i) =>
        r[`Attribute ${i} name`] && r[`Attribute ${i} value(s)`]
          ? [[r[`Attribute ${i} name`], r[`Attribute ${i} value(s)`]]]
          : [],
      ),
    );
  const price = (r: Record<string, string>) => Number(r['Sale price'] || r['Regular price']);
  const compareAt = (r: Record<string, string>) =>
    r['Sale price'] && Number(r['Regular price']) > Number(r['Sale price'])
      ? Number(r['Regular price'])
      : null;
  const state = (r: Record<string, string>): StockState =>
    r['In stock?'] === '1' ? 'in stock' : 'out of stock';
  return rows
    .filter((r) => r.Type !== 'variation')
    .map((r) => ({
      id: r.ID,
      name: r.Name,
      variants: rows
        .filter((v) => v.Type === 'variation' && v.Parent === r.SKU)
        .map((v) => ({
          sku: v.SKU,
          options: attributes(v),
          price: price(v),
          compareAt: compareAt(v),
          state: state(v),
        })),
      price: r['Sale price'] || r['Regular price'] ? price(r) : null,
      compareAt: compareAt(r),
      state: state(r),
      attributes: attributes(r),
      categories: r.Categories,
    }));
}

/** Google Merchant TSV: rows grouped by item_group_id, options from `color` and `size`. */
function merchantProducts(rows: string[][]): FileProduct[] {
  const [header, ...data] = rows;
  const col = (name: string) => header.indexOf(name);
  const groups = new Map<string, string[][]>();
  for (const r of data)
    groups.set(r[col('item_group_id')], [...(groups.get(r[col('item_group_id')]) ?? []), r]);
  return [...groups.entries()].map(([id, group]) => ({
    id,
    // "Glacier Pro Men's Ski Jacket — Black, Size M": the product, then the variant.
    name: group[0][col('title')].split(' — ')[0],
    variants: group.map((r) => ({
      sku: r[col('id')],
      options: { Color: r[col('color')], Size: r[col('size')] },
      price: Number.parseFloat(r[col('price')]),
      compareAt: null,
      state: r[col('availability')] as StockState,
    })),
    price: null,
    compareAt: null,
    state: null,
    attributes: {},
    categories: group[0][col('product_type')],
  }));
}

/** Each case checks the answer's text and which products it cites. */
interface Case {
  q: string;
  says: () => string[];
  saysNot?: () => string[];
  /** Exactly these products, or (`within`) as many of these as the budget's 8 allow. */
  cites?: () => string[];
  within?: () => string[];
}

const CITED_AT_MOST = 8;

function askAll(open: () => Promise<CatalogService>, products: FileProduct[], cases: Case[]) {
  askEach(open, cases, (a, c) => {
    for (const text of c.says()) expect(a.answer, a.answer).toContain(text);
    for (const text of c.saysNot?.() ?? []) expect(a.answer, a.answer).not.toContain(text);
    if (c.cites) expect([...a.citations].sort()).toEqual([...c.cites()].sort());
    if (c.within) {
      const within = c.within();
      expect(a.citations).toHaveLength(Math.min(within.length, CITED_AT_MOST));
      for (const id of a.citations) expect(within).toContain(id);
    }
    // Every citation is a product of the file, named in the answer, and what the answer rests on.
    const ids = new Set(products.map((p) => p.id));
    for (const id of a.citations) {
      expect(ids.has(id)).toBe(true);
      expect(a.answer).toContain(`(${id})`);
    }
    expect(a.basedOn.map((b) => b.id)).toEqual(a.citations);
  });
}

async function imported(file: string): Promise<CatalogService> {
  const catalog = CatalogService.open(
    path.join(tempDir('shelfscope-variants-'), 'c'),
    countingModels().models,
    {
      create: true,
    },
  );
  await importInto(catalog, file);
  return catalog;
}

const byName = (products: FileProduct[], id: string) => products.find((p) => p.id === id)!;
const ids = (products: FileProduct[]) => products.map((p) => p.id);

describe('variant questions over a Shopify export (shopify-products.csv)', () => {
  const products = shopifyProducts(readCsv(path.join(EXPORTS, 'shopify-products.csv')));
  const shirt = byName(products, 'example-shirt');
  const jeans = byName(products, 'example-pants');
  const withVariants = products.filter((p) => p.variants.length);
  const variantRows = products.reduce((n, p) => n + p.variants.length, 0);
  const sizes = valuesOf(shirt, 'Size');
  const colours = valuesOf(shirt, 'Color');
  const inStock = (p: FileProduct, size: string) =>
    p.variants.filter((v) => optionOf(v, 'Size') === size && v.state === 'in stock');
  const jeansSizes = valuesOf(jeans, 'Size');
  const missingSize = String(Math.max(...jeansSizes.map(Number)) + 2);
  const sale = products.filter(onSale);
  const green = products.filter((p) => offers(p, 'Color', colours[0]));
  const jeansSize = jeansSizes[1];
  const inJeansSize = products.filter((p) => offers(p, 'Size', jeansSize, 'in stock'));

  askAll(() => imported(path.join(EXPORTS, 'shopify-products.csv')), products, [
    // Counts count products, never the export's rows or variants.
    {
      q: 'How many products are there?',
      says: () => [`${products.length} products in the catalog`],
      cites: () => ids(products),
    },
    {
      q: 'How many products are in stock?',
      says: () => [`${products.filter((p) => stateOf(p) === 'in stock').length} products are in stock`],
      cites: () => ids(products.filter((p) => stateOf(p) === 'in stock')),
    },
    {
      q: 'How many variants are there in total?',
      says: () => [
        `${variantRows} variants in all, across ${withVariants.length} products`,
        `${products.length - withVariants.length} more product has no variants`,
      ],
      cites: () => ids(withVariants),
    },
    {
      q: `How many variants does ${shirt.name} have?`,
      says: () => [
        `${shirt.name} (${shirt.id}) has ${shirt.variants.length} variants`,
        `Color: ${colours.join(', ')}`,
        `Size: ${sizes.join(', ')}`,
      ],
      cites: () => [shirt.id],
    },
    {
      q: `Which sizes of ${shirt.name} are in stock?`,
      says: () => [
        `comes in ${sizes.length} Size values: ${sizes.join(', ')}`,
        ...sizes.flatMap((s) => inStock(shirt, s).map((v) => v.sku)),
      ],
      cites: () => [shirt.id],
    },
    {
      q: `What colours does ${shirt.name} come in?`,
      says: () => [`comes in ${colours.length} Color values: ${colours.join(', ')}`],
      cites: () => [shirt.id],
    },
    {
      q: `Is ${shirt.name} available in size ${sizes[1]}?`,
      says: () => ['Yes:', ...inStock(shirt, sizes[1]).map((v) => v.sku)],
      saysNot: () => shirt.variants.filter((v) => optionOf(v, 'Size') !== sizes[1]).map((v) => `${v.sku}:`),
      cites: () => [shirt.id],
    },
    {
      q: `Is ${jeans.name} available in size ${missingSize}?`,
      says: () => [
        `No: ${jeans.name} (${jeans.id}) does not come in Size ${missingSize}`,
        `its Size values are ${jeansSizes.join(', ')}`,
      ],
      cites: () => [jeans.id],
    },
    {
      q: `How many products come in ${colours[0].toLowerCase()}?`,
      says: () => [`${green.length} product${green.length === 1 ? '' : 's'} offered in Color ${colours[0]}`],
      cites: () => ids(green),
    },
    {
      q: `products available in size ${jeansSize}`,
      says: () => [
        `${inJeansSize.length} product${inJeansSize.length === 1 ? '' : 's'} with Size ${jeansSize} in stock`,
      ],
      cites: () => ids(inJeansSize),
    },
    {
      q: 'How many products are on sale?',
      says: () => [
        `${sale.length} product${sale.length === 1 ? ' is' : 's are'} on sale`,
        ...sale.map((p) => `(regularly ${money(p.compareAt!)})`),
      ],
      cites: () => ids(sale),
    },
    {
      q: 'How many products are on backorder?',
      says: () => [
        products.some((p) => stateOf(p) === 'backorder') ? 'on backorder' : 'No products are on backorder.',
      ],
      cites: () => ids(products.filter((p) => stateOf(p) === 'backorder')),
    },
  ]);
});

describe('variant questions over a WooCommerce export (woocommerce-products.csv)', () => {
  const products = wooProducts(readCsv(path.join(EXPORTS, 'woocommerce-products.csv')));
  const withVariants = products.filter((p) => p.variants.length);
  const tee = withVariants.find((p) => /v-neck/i.test(p.name))!;
  const hoodie = withVariants.find((p) => p.name === 'Hoodie')!;
  const cheapestTee = cheapest(tee)!;
  const hoodieColours = valuesOf(hoodie, 'Color');
  const red = products.filter((p) => offers(p, 'Color', 'Red'));
  const sale = products.filter(onSale);
  const plainRed = products.find((p) => !p.variants.length && listsValue(p.attributes.Color, 'Red'))!;
  const blueHoodies = hoodie.variants.filter((v) => v.options.Color === 'Blue' && v.state === 'in stock');
  const hoodiesInBlue = products.filter(
    (p) => /\bHoodies\b/.test(p.categories) && offers(p, 'Color', 'Blue'),
  );

  askAll(() => imported(path.join(EXPORTS, 'woocommerce-products.csv')), products, [
    {
      q: 'How many products are there?',
      says: () => [`${products.length} products in the catalog`],
      within: () => ids(products),
      saysNot: () => [
        `${products.length + withVariants.reduce((n, p) => n + p.variants.length, 0)} products`,
      ],
    },
    {
      q: 'How many variants are there in total?',
      says: () => [
        `${withVariants.reduce((n, p) => n + p.variants.length, 0)} variants in all, across 2 products`,
      ],
      cites: () => ids(withVariants),
    },
    {
      // Variations carry the colour as an option; products sold as one item in their Color attribute.
      q: 'How many products come in red?',
      says: () => [`${red.length} products offered in Color Red`],
      cites: () => ids(red),
    },
    {
      // "Hoodies" is the category, not the product named Hoodie.
      q: 'How many hoodies come in blue?',
      says: () => [`${hoodiesInBlue.length} products in Clothing > Hoodies, offered in Color Blue`],
      cites: () => ids(hoodiesInBlue),
    },
    {
      q: 'How many products are on sale?',
      says: () => [`${sale.length} products are on sale`],
      cites: () => ids(sale),
    },
    {
      q: `What does the cheapest variant of the ${tee.name} cost?`,
      says: () => [
        `The cheapest variant of ${tee.name} (${tee.id}) is ${cheapestTee.sku}`,
        money(cheapestTee.price),
      ],
      cites: () => [tee.id],
    },
    {
      q: 'What colours does the Hoodie come in?',
      says: () => [`comes in ${hoodieColours.length} Color values`, ...hoodieColours],
      cites: () => [hoodie.id],
    },
    {
      q: 'Is the Hoodie available in blue?',
      says: () => ['Yes:', ...blueHoodies.map((v) => v.sku)],
      cites: () => [hoodie.id],
    },
    {
      q: `Does the ${plainRed.name} come in red?`,
      says: () => [
        `${plainRed.name} (${plainRed.id}) has no variants`,
        `Yes: its Color is ${plainRed.attributes.Color}`,
      ],
      cites: () => [plainRed.id],
    },
  ]);
});

// The Merchant Center sample is all in stock; the availability cells of its real rows are rewritten
// here so that every stock state occurs, with products whose variants differ.
const AVAILABILITY: [RegExp, StockState][] = [
  [/^frost-snow-pants-/, 'out of stock'],
  [/^tundra-merino-crew-/, 'preorder'],
  [/^polar-glove-black-/, 'backorder'],
  [/^polar-glove-navy-/, 'out of stock'],
  [/^aurora-pro-womens-violet-s$/, 'in stock'],
  [/^aurora-pro-womens-/, 'out of stock'],
];

describe('variant questions over a Google Merchant feed with every stock state (google-merchant.tsv)', () => {
  const rows = fs
    .readFileSync(path.join(EXPORTS, 'google-merchant.tsv'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));
  const [id, availability] = ['id', 'availability'].map((c) => rows[0].indexOf(c));
  for (const r of rows.slice(1)) {
    const state = AVAILABILITY.find(([re]) => re.test(r[id]))?.[1];
    if (state) r[availability] = state;
  }
  const file = path.join(tempDir('shelfscope-merchant-'), 'google-merchant.tsv');
  fs.writeFileSync(file, `${rows.map((r) => r.join('\t')).join('\n')}\n`);

  const products = merchantProducts(rows);
  const inState = (s: StockState) => products.filter((p) => stateOf(p) === s);
  const count = (n: number, state: string) =>
    `${n === 0 ? 'No' : n} product${n === 1 ? ' is' : 's are'} ${state}`;
  const variantsOut = products.flatMap((p) => p.variants).filter((v) => v.state === 'out of stock');
  const aurora = byName(products, 'aurora-pro-womens');
  const auroraSizes = valuesOf(aurora, 'Size');
  const auroraInStock = auroraSizes.filter((s) =>
    aurora.variants.some((v) => v.options.Size === s && v.state === 'in stock'),
  );
  const glove = byName(products, 'polar-glove');
  const gloveM = glove.variants.filter((v) => v.options.Size === 'M');
  const pants = byName(products, 'frost-snow-pants');
  const allSizes = [...new Set(products.flatMap((p) => valuesOf(p, 'Size')))];
  const absentSize = ['XL', 'XXL', 'XS'].find((s) => !valuesOf(pants, 'Size').includes(s))!;
  const offeringM = products.filter((p) => offers(p, 'Size', 'M'));
  const mInStock = products.filter((p) => offers(p, 'Size', 'M', 'in stock'));

  askAll(() => imported(file), products, [
    ...(
      [
        ['How many products are out of stock?', 'out of stock', 'out of stock'],
        ['How many products are on backorder?', 'backorder', 'on backorder'],
        ['How many products are available for preorder?', 'preorder', 'on preorder'],
        ['How many products are in stock?', 'in stock', 'in stock'],
      ] as const
    ).map(([q, state, words]) => ({
      q,
      says: () => [count(inState(state).length, words)],
      cites: () => ids(inState(state)),
    })),
    {
      // Variant rows in a state, not products: a product in stock may have variants out of stock.
      q: 'How many variants are out of stock?',
      says: () => [
        `${variantsOut.length} variants are out of stock, across ${products.filter((p) => p.variants.some((v) => v.state === 'out of stock')).length} products`,
      ],
      cites: () => ids(products.filter((p) => p.variants.some((v) => v.state === 'out of stock'))),
    },
    {
      q: `Which sizes of the ${aurora.name} are in stock?`,
      says: () => [
        `comes in ${auroraSizes.length} Size values: ${auroraSizes.join(', ')}`,
        `In stock: ${auroraInStock
          .map(
            (s) =>
              `${s} (${aurora.variants
                .filter((v) => v.options.Size === s && v.state === 'in stock')
                .map((v) => v.sku)
                .join(', ')})`,
          )
          .join(', ')}.`,
        `Not in stock: ${auroraSizes.filter((s) => !auroraInStock.includes(s)).join(', ')}.`,
      ],
      cites: () => [aurora.id],
    },
    {
      q: `Is the ${glove.name} available in size M?`,
      says: () => [
        ...(gloveM.some((v) => v.state === 'in stock')
          ? ['Yes:']
          : ['No:', `none of its ${gloveM.length} Size M variants is in stock`]),
        ...gloveM.map((v) => `${v.sku}: Color ${v.options.Color}`),
        ...gloveM.map((v) => v.state.replace(/^(preorder|backorder)$/, 'on $1')),
      ],
      cites: () => [glove.id],
    },
    {
      q: `Is the ${pants.name} available in size ${absentSize}?`,
      says: () => [
        `No: ${pants.name} (${pants.id}) does not come in Size ${absentSize}`,
        `its Size values are ${valuesOf(pants, 'Size').join(', ')}`,
      ],
      cites: () => [pants.id],
    },
    {
      q: 'How many products come in size M?',
      says: () => [`${offeringM.length} products offered in Size M`],
      cites: () => ids(offeringM),
    },
    {
      // One variant must be both: size M and in stock.
      q: 'How many products are available in size M?',
      says: () => [`${mInStock.length} product${mInStock.length === 1 ? '' : 's'} with Size M in stock`],
      cites: () => ids(mInStock),
    },
    {
      q: 'What sizes are there?',
      says: () => [
        ...allSizes.map((s) => `${s} (${products.filter((p) => offers(p, 'Size', s)).length})`),
        `${allSizes.length} Size values in all`,
      ],
      cites: () => [],
    },
  ]);
});

describe('the context of a variant answer is bounded however many variants there are', () => {
  // The Shopify export, and the same export with 3,000 more products and a shirt of 600 variants.
  const rows = parse(fs.readFileSync(path.join(EXPORTS, 'shopify-products.csv'), 'utf8'), {
    bom: true,
  }) as string[][];
  const [header, ...data] = rows;
  const col = (name: string) => header.indexOf(name);
  const shirtRow = data.find((r) => r[col('Handle')] === 'example-shirt' && !r[col('Title')])!;
  const pantsRow = data.find((r) => r[col('Handle')] === 'example-pants' && r[col('Title')])!;
  const colours = Array.from({ length: 200 }, (_, i) => `Shade ${String(i).padStart(3, '0')}`);
  const extraShirt = colours.flatMap((c, i) =>
    ['S', 'M', 'L'].map((size, j) => {
      const r = [...shirtRow];
      r[col('Option1 Value')] = c;
      r[col('Option2 Value')] = size;
      r[col('Variant SKU')] = `SRT_GEN_${i}_${j}`;
      return r;
    }),
  );
  const extraProducts = Array.from({ length: 3_000 }, (_, i) => {
    const r = [...pantsRow];
    r[col('Handle')] = `generated-jeans-${i}`;
    r[col('Title')] = `Generated Jeans ${i}`;
    r[col('Variant SKU')] = `GEN_${i}`;
    return r;
  });
  const shirtEnd = data.findLastIndex((r) => r[col('Handle')] === 'example-shirt') + 1;
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const dir = tempDir('shelfscope-variants-bounded-');
  const large = path.join(dir, 'large.csv');
  fs.writeFileSync(
    large,
    [header, ...data.slice(0, shirtEnd), ...extraShirt, ...data.slice(shirtEnd), ...extraProducts]
      .map((r) => r.map(quote).join(','))
      .join('\n'),
  );
  const shirtColours = [
    ...new Set(data.filter((r) => r[col('Handle')] === 'example-shirt').map((r) => r[col('Option1 Value')])),
  ];
  const budget = { maxProducts: 5, maxChars: 1_500 };
  const questions = [
    'How many variants are there in total?',
    'Which sizes of Example T-Shirt are in stock?',
    'What colours does Example T-Shirt come in?',
    'Is Example T-Shirt available in size M?',
    'What does the cheapest variant of Example T-Shirt cost?',
    'How many products come in size 30?',
    'What sizes are there?',
  ];
  let catalogs: CatalogService[] = [];

  beforeAll(async () => {
    for (const file of [path.join(EXPORTS, 'shopify-products.csv'), large]) {
      const catalog = CatalogService.open(
        path.join(dir, path.basename(file, '.csv')),
        countingModels().models,
        {
          create: true,
        },
      );
      await importInto(catalog, file, { index: false });
      catalogs.push(catalog);
    }
  }, 180_000);
  afterAll(() => {
    for (const c of catalogs) c.close();
    catalogs = [];
  });

  it.each(questions)('%s', async (question) => {
    const [small, big] = await Promise.all(catalogs.map((c) => prepareAnswer(c, question, budget)));
    for (const { context } of [small, big]) {
      expect(context.products.length).toBeLessThanOrEqual(budget.maxProducts);
      expect(renderContext(context).length).toBeLessThanOrEqual(budget.maxChars);
    }
    expect(big.context.facts.join('\n').length).toBeLessThanOrEqual(
      small.context.facts.join('\n').length + 400,
    );
  });

  it('still states exact figures', async () => {
    const { builtIn } = await prepareAnswer(
      catalogs[1],
      'What colours does Example T-Shirt come in?',
      budget,
    );
    expect(builtIn).toContain(`comes in ${shirtColours.length + colours.length} Color values`);
    const total = await prepareAnswer(catalogs[1], 'How many variants are there in total?', budget);
    const variants = 12 + extraShirt.length + 3 + extraProducts.length;
    expect(total.builtIn).toContain(`${variants.toLocaleString('en-US')} variants in all`);
  });
});
