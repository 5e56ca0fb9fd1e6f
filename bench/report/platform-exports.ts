// The platform-export sections of BENCHMARKS.md: a generated Shopify product CSV and a generated
// Google Merchant XML feed, each imported through the CLI with its counts checked against the file.
import type { MachineInfo } from '../lib/machine.ts';
import type { BenchResults } from '../lib/results.ts';
import type { StageFailure, StageRun, StageRuns } from '../stages/platform-import.ts';
import { isFailure } from '../stages/platform-import.ts';
import type { ShopifyImport } from '../stages/shopify-import.ts';
import type { XmlFeedImport } from '../stages/xml-feed-import.ts';
import { mb, num, sec, table } from './format.ts';
import { HEALTH } from './health-check.ts';

const MIB = 2 ** 20;
/** Peak RSS counts as flat when 4× the file moves it by no more than this factor. */
const FLAT_RSS_GROWTH = 1.15;

const NOISE =
  'The machine has 2 cores and other work runs on it at the same time (load average at the start of each run given): times are noisy, compare them with care.';

const machineLine = (m: MachineInfo) =>
  `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB RAM, ${m.os}, Node ${m.node}`;

/** When each run was measured, on which machine and code, and under what load. */
function when(runs: (StageRun & { label: string })[]): string {
  const shared = (key: (r: StageRun) => string) => {
    const values = [...new Set(runs.map(key))];
    return values.length === 1 ? values[0] : null;
  };
  const machine = shared((r) => machineLine(r.machine));
  const commit = shared((r) => r.commit);
  const at = runs.map((r) => {
    const own = [
      ...(machine ? [] : [machineLine(r.machine)]),
      ...(commit ? [] : [`commit ${r.commit}`]),
      `load average ${r.machine.loadAtStart} at start`,
      `${r.tookSec} s in all`,
    ];
    return `${r.label} at ${r.measuredAt.slice(0, 16).replace('T', ' ')} UTC (${own.join(', ')})`;
  });
  const on = [machine, commit ? `commit ${commit}` : null].filter(Boolean).join(', ');
  return `Measured${on ? ` on ${on}` : ''}: ${at.join('; ')}. ${NOISE}`;
}

const failedRow = (f: StageFailure, columns: number) => [
  f.label,
  `**failed:** ${f.failed.replace(/\|/g, '\\|').replace(/\n/g, ' ')}`,
  ...Array.from({ length: columns - 2 }, () => ''),
];

export interface SectionSpec<T> {
  title: string;
  intro: string;
  head: string[];
  cells: (run: T) => (string | number)[];
  /** Lines under the table, about the runs that did not fail. */
  notes: (runs: T[]) => string[];
}

/** A stage's section: what was measured and how, a row per run (a failed run with its reason), notes. */
function section<T extends StageRun & { label: string }>(
  stage: StageRuns<T> | undefined,
  spec: SectionSpec<T>,
): string {
  if (!stage) return '';
  const content =
    'skipped' in stage
      ? [`Not measured in this run: ${stage.skipped}.`]
      : [
          spec.intro,
          '',
          table(
            spec.head,
            stage.runs.map((r) => (isFailure(r) ? failedRow(r, spec.head.length) : spec.cells(r))),
          ),
          '',
          ...spec.notes(stage.runs.filter((r): r is T => !isFailure(r))),
          '',
          when(stage.runs),
        ];
  return [`## ${spec.title}`, '', ...content, ''].join('\n');
}

const SHOPIFY: SectionSpec<ShopifyImport> = {
  title: 'Platform export: Shopify product CSV',
  intro:
    "A generated Shopify product CSV in the classic export layout (the 48 columns of `e2e/fixtures/exports/shopify-products.csv`): the products of the generated catalogs (same seed, same recombined Icecat and Myntra texts), bodies as HTML (a paragraph with a line break, the specification as a list, entities), 1–6 variants each (Size, Color or Color × Size; a lone variant is Shopify's `Title: Default Title`, which the import keeps as a plain product, so it is not a stored variant), 20 % of products on sale (compare-at above price), 10 % with untracked inventory, 5 % selling past zero, 2 % without SKUs, and image-only rows where a product has more images than variants. It is imported twice through the CLI, each time into a new catalog in a child process: `shelfscope import --no-index` (read + store: reading, grouping rows by handle, storing products and variants in SQLite and FTS5; the engine's own time, the whole process in brackets), then `shelfscope import` with indexing followed by a first `shelfscope search` (file → searchable, both processes, as in the scale table above). Peak RSS is the VmHWM of the child processes.",
  head: [
    'products',
    'CSV',
    'rows (variant + image-only)',
    'variants stored',
    'read + store (process)',
    'rows/s',
    'peak RSS, read + store',
    'catalog DB',
    'file → searchable',
    'peak RSS, searchable',
    'on disk (db + ANN)',
  ],
  cells: (r) => {
    const g = r.generated;
    const s = r.searchable;
    return [
      `${r.label} (${num(g.products)})`,
      mb(r.csvBytes),
      `${num(g.rows)} (${num(g.variantRows)} + ${num(g.imageRows)})`,
      num(g.variants),
      `${sec(r.readStore.engineMs)} (${sec(r.readStore.processMs)})`,
      num(r.readStore.rowsPerSec),
      `${r.readStore.peakRssMb} MiB`,
      mb(r.readStore.dbBytes),
      sec(s.endToEndMs),
      `${s.peakRssMb} MiB`,
      `${mb(s.dbBytes + s.indexBytes)} (${mb(s.dbBytes)} + ${mb(s.indexBytes)})`,
    ];
  },
  notes: (runs) =>
    runs.map(
      (r) =>
        `- ${r.label}: the import read all ${num(r.generated.rows)} rows and stored exactly the generated ${num(r.generated.products)} products and ${num(r.generated.variants)} variants, rejecting none (checked on both imports; a difference fails the run). ${num(r.generated.onSale)} products on sale, ${num(r.generated.untracked)} untracked. With indexing, the import process took ${sec(r.searchable.processMs)} (${num(r.searchable.embedded)} products embedded), the first search ${sec(r.searchable.firstSearchProcessMs)}.`,
    ),
};

/** How peak RSS moved from the smallest feed to the largest, and whether that is flat. */
export function rssGrowth(runs: XmlFeedImport[]): string | null {
  const sorted = [...runs].sort((a, b) => a.bytes - b.bytes);
  if (sorted.length < 2) return null;
  const small = sorted[0];
  const large = sorted[sorted.length - 1];
  const growth = large.import.peakRssMb / Math.max(1, small.import.peakRssMb);
  const fileGrowth = large.bytes / small.bytes;
  const verdict =
    growth <= FLAT_RSS_GROWTH
      ? `flat: within ${Math.round((FLAT_RSS_GROWTH - 1) * 100)} %`
      : 'it grows with the file: not flat';
  return `Peak RSS ${large.import.peakRssMb} MiB for the ${large.label} feed against ${small.import.peakRssMb} MiB for the ${small.label} one: ${growth.toFixed(2)}× for ${fileGrowth.toFixed(1)}× the file (${verdict}).`;
}

const XML_FEED: SectionSpec<XmlFeedImport> = {
  title: 'Platform export: Google Merchant XML feed',
  intro:
    "A generated Google Merchant Center feed in RSS 2.0 with the `g:` namespace and the elements of `e2e/fixtures/exports/google-merchant-rss.xml` (id, title, description — some in CDATA —, link, image_link, expiration_date, condition, availability in its four words, price, a nested shipping, gtin, brand, mpn, google_product_category, product_type, additional_image_link, gender, age_group, color, size, item_group_id, sale_price and its effective date), the products of the generated catalogs: 70 % plain items, 30 % item_group_id groups of 2–4 items differing by size or by colour and size. It is written item by item to a temp file until it reaches the size asked for (`--xml-mb`), and the same seed makes the quarter-size feed the start of the full one. Each is imported into a new catalog with `shelfscope import --no-index` in a child process (the engine's own time, the whole process in brackets; MiB/s and items/s from the engine's time); its counts are checked against the feed as generated, a difference failing the run. Peak RSS is the VmHWM of the child process.",
  head: [
    'feed',
    'file',
    'items',
    'products',
    'variants',
    'import, no index (process)',
    'MiB/s',
    'items/s',
    'peak RSS',
    'catalog DB',
  ],
  cells: (r) => [
    r.label,
    `${(r.bytes / MIB).toFixed(0)} MiB (${mb(r.bytes)})`,
    num(r.generated.items),
    num(r.generated.products),
    num(r.generated.variants),
    `${sec(r.import.engineMs)} (${sec(r.import.processMs)})`,
    r.import.mibPerSec,
    num(r.import.itemsPerSec),
    `${r.import.peakRssMb} MiB`,
    mb(r.import.dbBytes),
  ],
  notes: (runs) => {
    const growth = rssGrowth(runs);
    return [
      ...(growth ? [`- ${growth}`] : []),
      ...runs.map(
        (r) =>
          `- ${r.label}: the import read all ${num(r.generated.items)} items and stored exactly the generated ${num(r.generated.products)} products and ${num(r.generated.variants)} variants, rejecting none.`,
      ),
    ];
  },
};

export function platformExportSections(r: BenchResults): string {
  return [section(r.shopify, SHOPIFY), section(r.xmlFeed, XML_FEED), section(r.health, HEALTH)]
    .filter(Boolean)
    .join('\n');
}
