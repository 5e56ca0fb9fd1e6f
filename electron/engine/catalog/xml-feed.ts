import type { SaxesTagNS } from 'saxes';
import { boundedSaxesParser, writeBounded } from './bounded-saxes.ts';
import { CatalogFileError } from './errors.ts';
import type { ReadLimits } from './limits.ts';
import { peek } from './peek.ts';
import type { SourceRecord, TableReader } from './record.ts';

/** Which kind of XML product feed a file is, from its root element and namespaces. */
export type XmlDialect = 'google-rss' | 'google-atom' | 'wxr' | 'rss' | 'atom';

const GOOGLE_NS = 'http://base.google.com/ns/1.0';
const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const WXR_NS = /^http:\/\/wordpress\.org\/export\/1\.[0-2]\/$/;
const WXR_EXCERPT_NS = /^http:\/\/wordpress\.org\/export\/1\.[0-2]\/excerpt\/$/;
/** Namespaces whose elements keep their bare local name: none, RSS 1.0 / 0.9, Atom 1.0 / 0.3. */
const FEED_NS = new Set([
  '',
  'http://purl.org/rss/1.0/',
  'http://my.netscape.com/rdf/simple/0.9/',
  'http://www.w3.org/2005/Atom',
  'http://purl.org/atom/ns#',
]);

/**
 * Feed generators regularly write `<g:id>` without declaring `xmlns:g`. Such a file is not
 * namespace-well-formed, but what the prefix means is not in doubt, so it is read rather than refused.
 */
const USUAL_PREFIXES: Record<string, string> = {
  g: GOOGLE_NS,
  wp: 'http://wordpress.org/export/1.2/',
  excerpt: 'http://wordpress.org/export/1.2/excerpt/',
  content: CONTENT_NS,
  dc: 'http://purl.org/dc/elements/1.1/',
  atom: 'http://www.w3.org/2005/Atom',
  media: 'http://search.yahoo.com/mrss/',
};
// saxes asks about the empty prefix too when no default namespace is declared: that one stays unbound.
const resolvePrefix = (prefix: string) =>
  prefix ? (USUAL_PREFIXES[prefix] ?? `urn:x-unbound-prefix:${prefix}`) : undefined;

const SAMPLE_RECORDS = 1000;
const SAMPLE_CHARS = 32 * 1024 * 1024;
/** saxes keeps every open element on a stack; real feeds nest a handful of levels. */
const MAX_DEPTH = 256;
/** An empty element's value is taken from the first of these attributes (Atom links, enclosures…). */
const VALUE_ATTRIBUTES = ['href', 'url', 'term', 'label'];

/** One child element of an item, being read. */
interface Field {
  key: string;
  /** The element's tag as written, for messages. */
  tag: string;
  depth: number;
  /** Trimmed text runs, split at element boundaries. */
  runs: string[];
  run: string;
  chars: number;
  nested: boolean;
  xhtml: boolean;
  fallback: string;
  tooLong: boolean;
  /** For `wp:postmeta`: which pair member the text belongs to, and the key read so far. */
  meta: { part: 'key' | 'value' | null; key: string } | null;
}

interface Draft {
  row: number;
  depth: number;
  values: Map<string, string[]>;
  chars: number;
  dropped: boolean;
  problem?: string;
  problemField?: string;
}

function attribute(tag: SaxesTagNS, name: string): string | undefined {
  const a = tag.attributes[name];
  return a && a.uri === '' ? a.value : undefined;
}

/** The `values` key an item's child element is stored under. */
function fieldKey(tag: SaxesTagNS): string {
  const { uri, local } = tag;
  if (uri === GOOGLE_NS) return `g:${local}`;
  if (WXR_NS.test(uri)) return `wp:${local}`;
  if (local === 'encoded' && uri === CONTENT_NS) return 'content';
  if (local === 'encoded' && WXR_EXCERPT_NS.test(uri)) return 'excerpt';
  if (FEED_NS.has(uri)) {
    if (local === 'category') {
      const domain = attribute(tag, 'domain');
      return domain ? `category:${domain}` : 'category';
    }
    if (local === 'link') {
      const rel = attribute(tag, 'rel');
      return rel && rel !== 'alternate' ? `link:${rel}` : 'link';
    }
    return local;
  }
  return tag.prefix ? `${tag.prefix}:${local}` : local;
}

/**
 * Turns saxes events into records, one per `<item>` (RSS, WXR) or `<entry>` (Atom). Only the item
 * being read is held; everything else in the document is walked past.
 */
class FeedCollector {
  root: 'rss' | 'atom' | null = null;
  rootName = '';
  sawGoogle = false;
  sawWxr = false;
  count = 0;
  private readonly file: string;
  private readonly limits: ReadLimits;
  private depth = 0;
  private draft: Draft | null = null;
  private field: Field | null = null;
  private out: SourceRecord[] = [];

  constructor(file: string, limits: ReadLimits) {
    this.file = file;
    this.limits = limits;
  }

  drain(): SourceRecord[] {
    const records = this.out;
    this.out = [];
    return records;
  }

  open(tag: SaxesTagNS): void {
    this.depth++;
    if (this.depth > MAX_DEPTH)
      throw new CatalogFileError(this.file, `elements nest more than ${MAX_DEPTH} levels deep`);
    this.noteNamespaces(tag);
    if (this.depth === 1) return this.openRoot(tag);
    const field = this.field;
    if (field) {
      this.flush(field);
      field.nested = true;
      if (tag.uri === XHTML_NS) field.xhtml = true;
      if (field.meta && this.depth === field.depth + 1) {
        field.meta.part = tag.local === 'meta_key' ? 'key' : tag.local === 'meta_value' ? 'value' : null;
      }
    } else if (this.draft) {
      if (this.depth === this.draft.depth + 1) this.field = this.startField(tag);
    } else if (this.isRecord(tag)) {
      this.count++;
      this.draft = { row: this.count, depth: this.depth, values: new Map(), chars: 0, dropped: false };
    }
  }

  close(): void {
    const field = this.field;
    if (field) {
      this.flush(field);
      if (this.depth === field.depth) {
        this.finishField(field);
        this.field = null;
      } else if (field.meta && this.depth === field.depth + 1) field.meta.part = null;
    } else if (this.draft && this.depth === this.draft.depth) this.emit(this.draft);
    this.depth--;
  }

  text(t: string): void {
    const field = this.field;
    if (!field || field.tooLong) return;
    if (field.meta && field.meta.part !== 'value') {
      if (field.meta.part === 'key' && field.meta.key.length < this.limits.maxFieldChars) field.meta.key += t;
      return;
    }
    if (field.chars + t.length > this.limits.maxFieldChars) {
      field.tooLong = true;
      field.runs = [];
      field.run = '';
      this.flag(
        `the <${field.tag}> value is larger than the ${this.limits.maxFieldChars.toLocaleString('en')}-character limit`,
        field.key,
      );
      return;
    }
    field.chars += t.length;
    field.run += t;
  }

  private openRoot(tag: SaxesTagNS): void {
    this.rootName = tag.name;
    if (tag.local === 'rss' || tag.local === 'RDF') this.root = 'rss';
    else if (tag.local === 'feed') this.root = 'atom';
    else
      throw new CatalogFileError(
        this.file,
        `the file is XML but not a product feed: root <${tag.name}> (expected <rss> or <feed>)`,
      );
  }

  /** A namespace declared anywhere (root, channel) or used by an element marks the dialect. */
  private noteNamespaces(tag: SaxesTagNS): void {
    this.noteNamespace(tag.uri);
    for (const prefix in tag.ns) this.noteNamespace(tag.ns[prefix]);
  }

  private noteNamespace(uri: string): void {
    if (uri === GOOGLE_NS) this.sawGoogle = true;
    else if (WXR_NS.test(uri)) this.sawWxr = true;
  }

  private isRecord(tag: SaxesTagNS): boolean {
    return tag.local === (this.root === 'atom' ? 'entry' : 'item') && FEED_NS.has(tag.uri);
  }

  private startField(tag: SaxesTagNS): Field {
    const key = fieldKey(tag);
    let fallback = '';
    for (const name of VALUE_ATTRIBUTES) {
      const v = attribute(tag, name);
      if (v !== undefined && v.trim() !== '') {
        fallback = v.trim();
        break;
      }
    }
    return {
      key,
      tag: tag.name,
      depth: this.depth,
      runs: [],
      run: '',
      chars: 0,
      nested: false,
      xhtml: false,
      fallback,
      tooLong: false,
      meta: key === 'wp:postmeta' ? { part: null, key: '' } : null,
    };
  }

  private flush(field: Field): void {
    const run = field.run.trim();
    if (run) field.runs.push(run);
    field.run = '';
  }

  /**
   * A nested element (`<g:shipping><g:country>US</g:country><g:price>5 USD</g:price></g:shipping>`)
   * becomes its texts joined by ':' (`US:5 USD`); XHTML content becomes its text joined by spaces.
   */
  private finishField(field: Field): void {
    if (field.tooLong) return;
    if (field.meta) {
      const metaKey = field.meta.key.trim();
      if (metaKey) this.store(`meta:${metaKey}`, field.runs.join(''));
      return;
    }
    const value = field.runs.length ? field.runs.join(field.xhtml ? ' ' : field.nested ? ':' : '') : '';
    this.store(field.key, value || (field.nested ? '' : field.fallback));
  }

  private store(key: string, value: string): void {
    const draft = this.draft!;
    if (draft.dropped) return;
    draft.chars += key.length + value.length;
    if (draft.chars > this.limits.maxRecordChars) {
      draft.dropped = true;
      draft.values.clear();
      this.flag(
        `the item is larger than the ${this.limits.maxRecordChars.toLocaleString('en')}-character limit`,
      );
      return;
    }
    const parts = draft.values.get(key);
    if (parts) parts.push(value);
    else draft.values.set(key, [value]);
  }

  private flag(problem: string, field?: string): void {
    const draft = this.draft;
    if (!draft || draft.problem) return;
    draft.problem = problem;
    if (field !== undefined) draft.problemField = field;
  }

  private emit(draft: Draft): void {
    const values: Record<string, unknown> = {};
    for (const [key, parts] of draft.values) values[key] = parts.filter(Boolean).join(', ');
    const record: SourceRecord = { row: draft.row, values };
    if (draft.problem) record.problem = draft.problem;
    if (draft.problemField !== undefined) record.problemField = draft.problemField;
    this.out.push(record);
    this.draft = null;
  }
}

function malformed(file: string, err: unknown): unknown {
  if (err instanceof CatalogFileError || !(err instanceof Error)) return err;
  const m = /^(\d+):(\d+): (.*)$/s.exec(err.message);
  if (!m) return new CatalogFileError(file, `malformed XML: ${err.message}`);
  return new CatalogFileError(
    file,
    `malformed XML at line ${m[1]}, column ${m[2]}: ${m[3].replace(/\.$/, '')}`,
  );
}

async function* feedRecords(
  file: string,
  text: AsyncIterable<string>,
  collector: FeedCollector,
  limits: ReadLimits,
): AsyncGenerator<SourceRecord> {
  const parser = boundedSaxesParser({ xmlns: true, resolvePrefix });
  parser.on('opentag', (tag) => collector.open(tag));
  parser.on('closetag', () => collector.close());
  parser.on('text', (t) => collector.text(t));
  parser.on('cdata', (t) => collector.text(t));
  let sawText = false;
  for await (const chunk of text) {
    if (!sawText && chunk.trim()) sawText = true;
    try {
      // Text nodes stream through the field limit (see bounded-saxes.ts); anything else saxes holds
      // between chunks (a tag, attribute or comment) that outgrows the record limit refuses the file.
      const held = writeBounded(parser, chunk, (t) => collector.text(t));
      if (held > limits.maxRecordChars) {
        throw new CatalogFileError(
          file,
          `a tag, attribute or comment near line ${parser.line} is larger than the ${limits.maxRecordChars.toLocaleString('en')}-character limit`,
        );
      }
    } catch (err) {
      throw malformed(file, err);
    }
    yield* collector.drain();
  }
  if (!sawText) throw new CatalogFileError(file, 'file is empty');
  try {
    parser.close();
  } catch (err) {
    throw malformed(file, err);
  }
  yield* collector.drain();
  if (collector.count === 0) {
    const item = collector.root === 'atom' ? '<entry>' : '<item>';
    throw new CatalogFileError(
      file,
      `the file is XML but not a product feed: <${collector.rootName}> holds no ${item} elements`,
    );
  }
}

/** Decided on what the sampled items showed: a WXR export is recognised before any Google namespace. */
function dialectOf(c: FeedCollector): XmlDialect {
  if (c.root === 'atom') return c.sawGoogle ? 'google-atom' : 'atom';
  if (c.sawWxr) return 'wxr';
  return c.sawGoogle ? 'google-rss' : 'rss';
}

function sizeOf(record: SourceRecord): number {
  let n = 0;
  for (const [k, v] of Object.entries(record.values)) n += k.length + String(v).length;
  return n;
}

/**
 * Reads an XML product feed — Google Merchant Center RSS or Atom, a WordPress/WooCommerce WXR export,
 * or a plain RSS/Atom feed — streaming one record per `<item>` / `<entry>` (`row` = its 1-based number).
 *
 * Each child element of an item is one key, whatever prefix the file binds its namespace to:
 * - Google namespace → `g:<local>`; WXR namespace → `wp:<local>`; `content:encoded` → `content`;
 *   `excerpt:encoded` → `excerpt`; RSS/Atom elements → their local name (`title`, `link`, `id`…);
 *   any other namespace → the prefix as written (`dc:creator`).
 * - `<category domain="D">` → `category:D`; Atom `<link rel="R" href>` → `link` (no rel, or
 *   `alternate`) or `link:R`; an empty element takes its `href`/`url`/`term`/`label` attribute.
 * - `<wp:postmeta>` pairs → `meta:<meta_key>` = meta_value.
 * - A nested element → its descendants' texts joined with ':' in document order, empty ones left out
 *   (`<g:shipping>` with country, service, price → `US:Standard:14.95 USD`); XHTML content → its
 *   text joined with spaces.
 * - A key repeated within the item → its non-empty values joined with ', '.
 * Values are strings: CDATA and text alike, entities decoded, trimmed.
 *
 * The columns are the keys of the first 1000 items (read ahead), in order of first appearance; later
 * items may carry more keys.
 */
export async function openXmlFeed(
  file: string,
  text: AsyncIterable<string>,
  limits: ReadLimits,
): Promise<TableReader & { dialect: XmlDialect }> {
  const collector = new FeedCollector(file, limits);
  let chars = 0;
  const { buffered, rest } = await peek(feedRecords(file, text, collector, limits), (b) => {
    if (b.length) chars += sizeOf(b[b.length - 1]);
    return b.length >= SAMPLE_RECORDS || chars >= SAMPLE_CHARS;
  });
  const columns = new Set<string>();
  for (const r of buffered) {
    for (const k of Object.keys(r.values)) if (columns.size < limits.maxColumns) columns.add(k);
  }
  return { columns: [...columns], records: rest, dialect: dialectOf(collector) };
}
