import type { Filters, SearchMode } from '../../../shared/types.ts';
import type { AnalyzedQuery, AnalyzeContext } from './analyze.ts';
import { analyzeQuery } from './analyze.ts';
import { parseQuery } from './query-parse.ts';
import { singular } from './synonyms.ts';
import { idCandidates, terms } from './text.ts';

export interface FormRequest {
  query: string;
  mode: SearchMode;
  limit: number;
  filters: Filters;
}

/** A query as the result cache compares it with others. */
export interface QueryForm {
  /** Mode, limit and the filters in force (typed ones merged with the given ones): what must be equal. */
  group: string;
  /**
   * The analysed words without order, case or plural, typos repaired, or null when the query may not
   * share results: an empty text (a listing) or one naming a product code, which ranks by how it is typed.
   */
  normal: string | null;
  /**
   * The words with digits, sorted: model numbers and sizes, which embeddings barely tell apart ("iphone 7"
   * and "iphone 8": cosine 0.991). Queries share by embedding only when these are equal.
   */
  codes: string;
  text: string;
  analyzed: AnalyzedQuery;
}

/** The words of a text that hold a digit, deduplicated and sorted. */
export function codeWords(text: string): string {
  return [...new Set(terms(text).filter((t) => /\p{N}/u.test(t)))].sort().join(' ');
}

/** JSON with sorted keys at every level, so equal filters give equal strings. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Reads a request the way the search will (filters typed in the text, then the analysis: typo repair,
 * completion, synonyms, compounds), and reduces the analysed term groups to an order-free signature.
 * Two queries with the same signature search the same words in the same way.
 */
export function queryForm(req: FormRequest, ctx: AnalyzeContext): QueryForm {
  const parsed = parseQuery(req.query);
  const filters: Filters = { ...parsed.filters, ...req.filters };
  const group = `${req.mode}|${req.limit}|${canonicalJson(filters)}`;
  const analyzed = analyzeQuery(parsed.text, ctx);
  const shareable =
    parsed.text.trim() !== '' && analyzed.groups.length > 0 && !idCandidates(req.query).length;
  // A group's first alternative is what was typed (or what a slip was read as), the rest are its synonyms:
  // "earbuds" and "earphones" expand to the same alternatives but rank differently.
  const phrase = (words: string[]) => words.map(singular).join(' ');
  const normal = shareable
    ? analyzed.groups
        .map(
          (g) =>
            `${g.prefix ? '*' : ''}${phrase(g.alternatives[0])}>${g.alternatives.slice(1).map(phrase).sort().join('|')}`,
        )
        .sort()
        .join(';')
    : null;
  return { group, normal, codes: codeWords(parsed.text), text: parsed.text, analyzed };
}
