import type { Filters, SearchHit, SearchMode, SearchResult, SynonymGroup } from '../../../shared/types.ts';
import type { CatalogHandle } from '../catalog-handle.ts';
import type { ProductSummary } from '../store/products.ts';
import { catalogCurrency, findProductById, loadSummaries } from '../store/products.ts';
import type { AnalyzedQuery } from './analyze.ts';
import { isAccessoryOf } from './accessory.ts';
import { analyzeQuery } from './analyze.ts';
import { computeFacets } from './facets.ts';
import { describeFilters, filterSql, hasFilters } from './filter-sql.ts';
import { keywordSearch } from './keyword.ts';
import { parseQuery } from './query-parse.ts';
import { productVector, semanticSearch, storedSimilarities } from './semantic.ts';
import { rerankBonus } from './rerank.ts';
import type { SynonymIndex } from './synonyms.ts';
import { buildSynonymIndex, DEFAULT_SYNONYMS, singular } from './synonyms.ts';
import { foldText, idCandidates, normalizeIdKey, terms } from './text.ts';
import { catalogNamedValues, catalogTypoCorrector } from './lexicon.ts';
import { nameLength, titleCoverage } from './title-match.ts';

export interface SearchRequest {
  query: string;
  mode: SearchMode;
  limit: number;
  filters: Filters;
}

export type EmbedQuery = (text: string) => Promise<Float32Array>;

/**
 * Fusion weights, chosen on the Icecat dev judgments (`npm run bench -- --levers` sweeps the semantic
 * weight, the re-rank weight and the name-length penalty). USE-lite adds little to bm25 on product data
 * (it misses model numbers, sizes and brands), so its score mostly breaks ties; weights of 0.07–0.15
 * scored 0.705–0.708 on dev (0.1 is the middle of that plateau), 0.2 fell below keyword alone, and
 * routing weak keyword queries to it measured lower too. The name-length penalty: dev NDCG@10 0.6947 →
 * 0.7039 at 0.2 (0.1–0.3 measured 0.697–0.704), before the semantic weight was re-chosen.
 * The re-rank weight: the model also scores every keyword candidate from its stored vector, not only
 * those among its own 100 nearest (most are not): 0.2 measured dev 0.710 against 0.706 without
 * (0.15 0.709, 0.25 0.705, 0.3 0.704; see rerankBonus and docs/bench/semantic-levers.md).
 */
export const FUSION = {
  semanticCandidates: 100,
  semanticWeight: 0.1,
  semanticOnlyFloor: 0.85,
  namedValueBoost: 0.3,
  accessoryFactor: 0.5,
  titleMatchBoost: 0.3,
  nameLengthPenalty: 0.2,
  rerankWeight: 0.2,
};
export type FusionWeights = typeof FUSION;
const CANDIDATES = 100;

/**
 * How a search service ranks; the engine uses the defaults, the benchmark's lever sweeps measure others
 * on the same catalog. `repairWords: false` takes unknown words as typed: no completion of a word still
 * being typed, no typo correction.
 */
export interface SearchTuning {
  fusion?: FusionWeights;
  repairWords?: boolean;
}

interface NamedValues {
  categories: string[];
  brands: string[];
}
const NO_NAMED_VALUES: NamedValues = { categories: [], brands: [] };

function inNamedCategory(row: ProductSummary | undefined, named: NamedValues): boolean {
  return row !== undefined && row.category !== null && named.categories.includes(row.category);
}

function isNamed(row: ProductSummary, named: NamedValues): boolean {
  return inNamedCategory(row, named) || (row.brand !== null && named.brands.includes(row.brand));
}

interface Scored {
  rowid: number;
  score: number;
}

/**
 * Search over one catalog: query understanding (filters typed in the text, ids, synonyms, typos),
 * keyword and semantic retrieval, score fusion, facets over the result set, hydration. Uncached: the
 * result cache is a layer around it (query-cache.ts).
 */
export class SearchService {
  private readonly cat: CatalogHandle;
  private readonly embedQuery: EmbedQuery;
  private synonymIndex: SynonymIndex | null = null;
  private readonly fusion: FusionWeights;
  private readonly repairWords: boolean;

  constructor(cat: CatalogHandle, embedQuery: EmbedQuery, tuning: SearchTuning = {}) {
    this.cat = cat;
    this.embedQuery = embedQuery;
    this.fusion = tuning.fusion ?? FUSION;
    this.repairWords = tuning.repairWords ?? true;
  }

  async search(req: SearchRequest): Promise<SearchResult> {
    const started = performance.now();
    const result = await this.run(req);
    result.tookMs = round(performance.now() - started);
    return result;
  }

  private async run(req: SearchRequest): Promise<SearchResult> {
    const db = this.cat.reader;
    const parsed = parseQuery(req.query);
    const filters: Filters = { ...parsed.filters, ...req.filters };
    const filter = filterSql(filters);
    const text = parsed.text;
    const analyzed = analyzeQuery(text, {
      db,
      synonyms: this.synonyms(),
      typos: this.repairWords ? () => catalogTypoCorrector(db) : null,
    });
    const scores = new Map<number, number>();
    const summaries = new Map<number, ProductSummary>();
    const add = (rowid: number, score: number) => scores.set(rowid, (scores.get(rowid) ?? 0) + score);
    const limit = Math.max(req.limit, CANDIDATES);
    let matchedVariants = new Map<number, string>();

    if (text.trim() === '') {
      const rows = db
        .prepare(`SELECT p.rowid AS rowid FROM products p WHERE ${filter.where} ORDER BY p.name LIMIT ?`)
        .all(...filter.params, limit) as { rowid: number }[];
      rows.forEach((r, i) => add(r.rowid, 1 - i / (rows.length + 1)));
    } else {
      const named = req.mode === 'semantic' ? NO_NAMED_VALUES : this.namedValues(analyzed);
      const keyword =
        req.mode === 'semantic' ? [] : this.keywordCandidates(analyzed, filters, named, limit, summaries);
      const weight = req.mode === 'keyword' ? 0 : req.mode === 'semantic' ? 1 : this.fusion.semanticWeight;
      for (const h of keyword) add(h.rowid, (1 - weight) * h.score);
      if (weight > 0 && this.cat.ann.size > 0) {
        const vector = await this.embedQuery(analyzed.readAs);
        if (req.mode === 'hybrid' && this.fusion.rerankWeight > 0) {
          const candidates = storedSimilarities(
            this.cat,
            vector,
            keyword.map((h) => h.rowid),
          );
          for (const [rowid, bonus] of rerankBonus(candidates, this.fusion.rerankWeight)) add(rowid, bonus);
        }
        // In hybrid the model's list only breaks ties and adds near neighbours: a short one will do, and
        // under a filter, whatever passes of the first over-fetch once it fills a page. Widening until
        // 100 passed cost 100k hybrid+filter p50 12.6–13.4 against 8.3 ms (in stock, under the median
        // price: a query's neighbours are often pricier than the catalog, so 73 of 165 queries widened).
        const semantic = req.mode === 'semantic';
        const k = semantic ? limit : Math.max(req.limit, this.fusion.semanticCandidates);
        const hits = semanticSearch(this.cat, vector, hasFilters(filters) ? filter : null, k, {
          enough: semantic ? k : req.limit,
        });
        const top = hits.length ? hits[0].similarity : 0;
        const lo = hits.length ? hits[hits.length - 1].similarity : 0;
        for (const h of hits) {
          if (semantic) {
            add(h.rowid, h.similarity);
          } else if (scores.has(h.rowid) || h.similarity >= top * this.fusion.semanticOnlyFloor) {
            // A product the words did not find joins only if it is nearly as close as the closest one:
            // otherwise every query would "match" the whole catalog.
            add(h.rowid, weight * (top > lo ? (h.similarity - lo) / (top - lo) : 1));
          }
        }
      }
      if (req.mode !== 'semantic') this.preferShortNames(scores, summaries);
      matchedVariants = this.promoteExactIds(req.query, filter, scores);
    }
    const ranked: Scored[] = [...scores.entries()]
      .map(([rowid, score]) => ({ rowid, score }))
      .sort((a, b) => b.score - a.score || a.rowid - b.rowid);
    return this.assemble(req, ranked, filters, text, analyzed, summaries, matchedVariants);
  }

  private assemble(
    req: SearchRequest,
    ranked: Scored[],
    filters: Filters,
    text: string,
    analyzed: AnalyzedQuery,
    summaries: Map<number, ProductSummary> = new Map(),
    matchedVariants: Map<number, string> = new Map(),
  ): SearchResult {
    const rows = new Map(summaries);
    loadSummaries(
      this.cat.reader,
      ranked.map((s) => s.rowid),
      rows,
    );
    const present = ranked.filter((s) => rows.has(s.rowid));
    const hits: SearchHit[] = present
      .slice(0, req.limit)
      .map((s) =>
        toHit(
          rows.get(s.rowid) as ProductSummary,
          s.score,
          analyzed.matchedTerms,
          matchedVariants.get(s.rowid),
        ),
      );
    return {
      query: req.query,
      mode: req.mode,
      tookMs: 0,
      total: present.length,
      hits,
      facets: computeFacets(
        this.cat.reader,
        present.map((s) => rows.get(s.rowid) as ProductSummary),
      ),
      filters,
      text,
      corrections: analyzed.corrections,
      emptyReason: hits.length ? null : this.explainEmpty(req, filters, text),
    };
  }

  private explainEmpty(req: SearchRequest, filters: Filters, text: string): string {
    const db = this.cat.reader;
    const products = (db.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n;
    if (products === 0) return 'This catalog has no products yet: import a file first.';
    if (req.mode === 'semantic' && this.cat.ann.size === 0) {
      return 'Semantic search needs the vector index, and no product is embedded yet: run indexing first.';
    }
    if (hasFilters(filters)) {
      const currency = catalogCurrency(db);
      return `Nothing matches “${text || req.query}” with the filters ${describeFilters(filters, currency)}. Try removing a filter.`;
    }
    return `No product mentions ${terms(text)
      .map((t) => `“${t}”`)
      .join(' or ')}. Check the spelling or try a more general word.`;
  }

  /**
   * bm25 candidates, scored: products whose name matches the query's words rise, accessories of the
   * searched thing are demoted, products of a category or brand the query names are boosted — and
   * fetched even when long titles push them out of the plain bm25 list ("laptop" → category Notebook).
   */
  private keywordCandidates(
    analyzed: AnalyzedQuery,
    filters: Filters,
    named: NamedValues,
    limit: number,
    rows: Map<number, ProductSummary>,
  ): Scored[] {
    const db = this.cat.reader;
    const hits = keywordSearch(db, analyzed.groups, filterSql(filters), limit);
    loadSummaries(
      db,
      hits.map((h) => h.rowid),
      rows,
    );
    // A second pass in the named categories finds what the first ranked below its limit there. It
    // finds nothing new when the first stopped short of the limit, and when the first found only
    // products of those categories it could add only synonym matches scored below every product
    // already found. At 1M products it cost twice the first pass: it joins every match to its row.
    const secondPass =
      named.categories.length > 0 &&
      !filters.categories?.length &&
      hits.length >= limit &&
      !hits.every((h) => inNamedCategory(rows.get(h.rowid), named));
    if (secondPass) {
      // Every word, in the named categories: products matching only some words there are left to the
      // first pass. The any-word tier joined every product matching any word to its row: ~200 ms
      // for "analog watch men" at 1M products, and Icecat NDCG@10 is identical without it.
      const inNamed = filterSql({ ...filters, categories: named.categories });
      const more = keywordSearch(db, analyzed.groups, inNamed, limit, { anyWord: false });
      loadSummaries(
        db,
        more.map((h) => h.rowid),
        rows,
      );
      hits.push(...more);
    }
    const queryTerms = terms(analyzed.readAs);
    const scored = new Map<number, number>();
    for (const h of hits) {
      const row = rows.get(h.rowid);
      if (!row || scored.has(h.rowid)) continue;
      const accessory = isAccessoryOf(row.name, queryTerms) ? this.fusion.accessoryFactor : 1;
      const title = this.fusion.titleMatchBoost * titleCoverage(row.name, analyzed.groups);
      scored.set(
        h.rowid,
        (h.score + title) * accessory + (isNamed(row, named) ? this.fusion.namedValueBoost : 0),
      );
    }
    return [...scored].map(([rowid, score]) => ({ rowid, score }));
  }

  /**
   * Categories and brands of this catalog that the query names, directly or through a synonym
   * ("laptop" names the category Notebook); their products rank higher without hiding others.
   */
  private namedValues(analyzed: AnalyzedQuery): NamedValues {
    const phrases = new Set(analyzed.groups.flatMap((g) => g.alternatives.map((a) => a.join(' '))));
    const folded = ` ${terms(analyzed.readAs).join(' ')} `;
    const out: NamedValues = { categories: [], brands: [] };
    for (const [value, { kind, original }] of catalogNamedValues(this.cat.reader)) {
      const named =
        folded.includes(` ${value} `) ||
        folded.includes(` ${value}s `) ||
        phrases.has(value) ||
        phrases.has(singular(value));
      if (named) (kind === 'category' ? out.categories : out.brands).push(original);
    }
    return out;
  }

  /** Every candidate, keyword or semantic, pays for the words its name adds (see nameLength). */
  private preferShortNames(scores: Map<number, number>, summaries: Map<number, ProductSummary>): void {
    loadSummaries(this.cat.reader, scores.keys(), summaries);
    for (const [rowid, score] of scores) {
      const row = summaries.get(rowid);
      if (row) scores.set(rowid, score - this.fusion.nameLengthPenalty * nameLength(row.name));
    }
  }

  /** "rsg 8901", "RSG-8901" → the product RSG8901 first. */
  private promoteExactIds(
    query: string,
    filter: ReturnType<typeof filterSql>,
    scores: Map<number, number>,
  ): Map<number, string> {
    // A bare number inside a longer query ("rtx 2060") is a model number, not a product id.
    const whole = normalizeIdKey(query);
    const keys = idCandidates(query).filter((k) => /\D/.test(k) || k === whole);
    const matched = new Map<number, string>();
    if (!keys.length) return matched;
    const json = JSON.stringify(keys);
    const rows = this.cat.reader
      .prepare(
        `SELECT p.rowid AS rowid, NULL AS variant FROM products p
           WHERE p.id_key IN (SELECT value FROM json_each(?)) AND ${filter.where}
         UNION ALL
         SELECT p.rowid, v.id FROM variants v JOIN products p ON p.rowid = v.product_rowid
           WHERE v.id_key IN (SELECT value FROM json_each(?)) AND ${filter.where}`,
      )
      .all(json, ...filter.params, json, ...filter.params) as { rowid: number; variant: string | null }[];
    for (const r of rows) {
      scores.set(r.rowid, 10);
      // A variant SKU that is also its product's id names the product, not one of its variants.
      if (r.variant !== null && !matched.has(r.rowid)) matched.set(r.rowid, r.variant);
    }
    return matched;
  }

  async moreLikeThis(id: string, limit: number): Promise<SearchResult> {
    const started = performance.now();
    const row = findProductById(this.cat.reader, id);
    const req: SearchRequest = { query: row ? row.name : id, mode: 'semantic', limit, filters: {} };
    if (!row) {
      return {
        ...(await this.search({ ...req, mode: 'keyword' })),
        emptyReason: `No product has the id “${id}”.`,
      };
    }
    const vector = productVector(this.cat, row.rowid);
    if (!vector) return this.search({ ...req, mode: 'keyword' });
    const ranked = semanticSearch(this.cat, vector, null, limit + 1)
      .filter((h) => h.rowid !== row.rowid)
      .slice(0, limit)
      .map((h) => ({ rowid: h.rowid, score: h.similarity }));
    const result = this.assemble(req, ranked, {}, row.name, {
      groups: [],
      corrections: [],
      matchedTerms: [],
      readAs: row.name,
    });
    return { ...result, tookMs: round(performance.now() - started) };
  }

  setSynonyms(groups: SynonymGroup[]): void {
    this.synonymIndex = buildSynonymIndex([...DEFAULT_SYNONYMS, ...groups]);
  }

  private synonyms(): SynonymIndex {
    if (!this.synonymIndex) this.setSynonyms(readSynonyms(this.cat));
    return this.synonymIndex as SynonymIndex;
  }
}

export function readSynonyms(cat: CatalogHandle): SynonymGroup[] {
  const rows = cat.reader.prepare('SELECT grp, term FROM synonyms ORDER BY grp, rowid').all() as {
    grp: number;
    term: string;
  }[];
  const groups = new Map<number, string[]>();
  for (const r of rows) groups.set(r.grp, [...(groups.get(r.grp) ?? []), r.term]);
  return [...groups.values()];
}

export function writeSynonyms(cat: CatalogHandle, groups: SynonymGroup[]): SynonymGroup[] {
  const clean = groups
    .map((g) => [...new Set(g.map((t) => foldText(t.trim())).filter(Boolean))])
    .filter((g) => g.length >= 2);
  const insert = cat.writer.prepare('INSERT INTO synonyms (grp, term) VALUES (?, ?)');
  cat.writer.transaction(() => {
    cat.writer.exec('DELETE FROM synonyms');
    clean.forEach((g, i) => g.forEach((t) => insert.run(i, t)));
  })();
  return clean;
}

function toHit(
  row: ProductSummary,
  score: number,
  matchedTerms: string[],
  matchedVariant?: string,
): SearchHit {
  const { rowid: _rowid, ...fields } = row;
  return { ...fields, score: round(score, 4), matchedTerms, matchedVariant: matchedVariant ?? null };
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
