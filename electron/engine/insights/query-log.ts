import type { CacheLayer } from '../../../shared/insights.ts';
import type { Filters, SearchMode, SearchResult } from '../../../shared/types.ts';
import type { Db } from '../store/database.ts';
import { terms } from '../search/text.ts';

/**
 * Rows kept per catalog: at ~150 bytes a row, a few MB. A manager's month of searching fits; the
 * oldest rows go first.
 */
export const QUERY_LOG_ROWS = 50_000;
/**
 * Searches are written together, a moment after the last one, never while the search answers. The
 * moment is long enough for search-as-you-type: a search that extends or trims the one before it within
 * TYPING_MS replaces it, so "purs" is not logged on the way to "purse".
 */
const FLUSH_DELAY_MS = 1500;
const TYPING_MS = 1500;
const MAX_WAIT_MS = 10_000;

export interface LoggedSearch {
  query: string;
  mode: SearchMode;
  limit: number;
  result: SearchResult;
  cache: CacheLayer;
}

interface Row {
  at: number;
  query: string;
  key: string;
  mode: string;
  filters: string;
  limit: number;
  results: number;
  tookMs: number;
  correctedTo: string | null;
  cache: CacheLayer;
}

/** How insights group queries: the same words, whatever the case, spacing or punctuation. */
export function queryKey(query: string): string {
  return terms(query).join(' ');
}

/** The query text with the engine's typo corrections in place, or null when it corrected nothing. */
export function correctedText(result: Pick<SearchResult, 'text' | 'corrections'>): string | null {
  if (!result.corrections.length) return null;
  const fixes = new Map(result.corrections.map((c) => [c.from, c.to]));
  return terms(result.text)
    .map((word) => fixes.get(word) ?? word)
    .join(' ');
}

function isStillTyping(before: Row, after: Row): boolean {
  const a = before.query.trim();
  const b = after.query.trim();
  return (
    after.at - before.at <= TYPING_MS &&
    before.mode === after.mode &&
    before.filters === after.filters &&
    a !== b &&
    a !== '' &&
    b !== '' &&
    (b.startsWith(a) || a.startsWith(b))
  );
}

function filtersJson(filters: Filters): string {
  return JSON.stringify(filters, Object.keys(filters).sort());
}

/**
 * The catalog's local query log (table `query_log`). Searches are buffered and written in one
 * transaction after a short delay, on the writer connection but never inside another transaction on it
 * (an import's batch): the write waits for the next gap. Nothing leaves the machine.
 */
export class QueryLog {
  private readonly writer: Db;
  private readonly reader: Db;
  private pending: Row[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  /** Off: searches are not recorded (the setting); what was recorded stays until cleared. */
  enabled = true;

  constructor(writer: Db, reader: Db) {
    this.writer = writer;
    this.reader = reader;
  }

  record(search: LoggedSearch): void {
    if (!this.enabled || this.closed) return;
    const { result } = search;
    const row: Row = {
      at: Date.now(),
      query: search.query,
      key: queryKey(search.query),
      mode: search.mode,
      filters: filtersJson(result.filters),
      limit: search.limit,
      results: result.total,
      tookMs: result.tookMs,
      correctedTo: correctedText(result),
      cache: search.cache,
    };
    const last = this.pending[this.pending.length - 1];
    if (last && isStillTyping(last, row)) this.pending[this.pending.length - 1] = row;
    else this.pending.push(row);
    this.schedule();
  }

  /** Waits for a pause in searching, but never keeps a row waiting longer than MAX_WAIT_MS. */
  private schedule(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    const waited = this.pending.length ? Date.now() - this.pending[0].at : 0;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        if (!this.flush()) this.schedule();
      },
      waited >= MAX_WAIT_MS ? 0 : FLUSH_DELAY_MS,
    );
    // A pending write never keeps a CLI run alive: close() writes what is left.
    this.timer.unref();
  }

  /** Writes what is buffered; false when the writer is inside another transaction (try again later). */
  flush(): boolean {
    if (!this.pending.length || this.closed) return true;
    if (this.writer.inTransaction) return false;
    const rows = this.pending;
    this.pending = [];
    const insert = this.writer.prepare(
      `INSERT INTO query_log (at, query, query_key, mode, filters, result_limit, results, took_ms, corrected_to, cache)
       VALUES (@at, @query, @key, @mode, @filters, @limit, @results, @tookMs, @correctedTo, @cache)`,
    );
    this.writer.transaction(() => {
      for (const row of rows) insert.run(row);
      this.writer
        .prepare('DELETE FROM query_log WHERE seq <= (SELECT max(seq) FROM query_log) - ?')
        .run(QUERY_LOG_ROWS);
    })();
    return true;
  }

  /** Deletes every recorded search; returns how many there were. */
  clear(): number {
    const buffered = this.pending.length;
    this.pending = [];
    return buffered + this.writer.prepare('DELETE FROM query_log').run().changes;
  }

  /** Latencies of the last `n` searches that ran (cache hits are not searches), oldest first. */
  recentLatencies(n: number): number[] {
    this.flush();
    const rows = this.reader
      .prepare("SELECT took_ms FROM query_log WHERE cache = 'miss' ORDER BY seq DESC LIMIT ?")
      .pluck()
      .all(n) as number[];
    return rows.reverse();
  }

  /** The reader connection the reports read from, after what is buffered is written. */
  readable(): Db {
    this.flush();
    return this.reader;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flush();
    this.closed = true;
  }
}
