import { CatalogFileError } from './errors.ts';
import { FlattenProblem, flattenRecord } from './flatten.ts';
import { JsonSyntaxError, JsonTokenizer, type JsonHandler } from './json-tokenizer.ts';
import type { ReadLimits } from './limits.ts';
import { peek } from './peek.ts';
import type { SourceRecord, TableReader } from './record.ts';

const SAMPLE_RECORDS = 1000;
const SAMPLE_CHARS = 32 * 1024 * 1024;

type Container = Record<string, unknown> | unknown[];

/**
 * Finds the records in a JSON document as the tokenizer reads it — the top-level array, or else the
 * first array of objects held by the top-level object (`{"products": [...]}`) — and builds one
 * record at a time. Everything outside the records is walked past without being kept.
 */
class RecordCollector implements JsonHandler {
  found = false;
  /** An empty array where the records could have been: an empty catalog rather than a wrong file. */
  emptyCandidate = false;
  finished = false;
  private readonly limits: ReadLimits;
  private readonly kinds: number[] = []; // open containers: 0 object, 1 array
  private candidateDepth = -1; // depth of the elements of an array that may hold the records
  private recordsDepth = -1;
  private frames: { container: Container; key: string }[] = [];
  private record: Container | null = null;
  private chars = 0;
  private problem: { message: string; field?: string } | null = null;
  private count = 0;
  private out: SourceRecord[] = [];

  constructor(limits: ReadLimits) {
    this.limits = limits;
  }

  drain(): SourceRecord[] {
    const records = this.out;
    this.out = [];
    return records;
  }

  startObject(): void {
    this.startContainer(0);
  }

  startArray(): void {
    this.startContainer(1);
  }

  endObject(): void {
    this.endContainer();
  }

  endArray(): void {
    this.endContainer();
  }

  key(name: string): void {
    if (this.frames.length) this.frames[this.frames.length - 1].key = name;
  }

  scalar(value: string | number | boolean | null, tooLong: boolean): void {
    const depth = this.kinds.length;
    if (this.candidateDepth === depth) this.candidateDepth = -1; // an array of scalars holds no records
    if (this.recordsDepth === depth && !this.finished) {
      this.count++;
      this.out.push({ row: this.count, values: {}, problem: 'the record is not a JSON object' });
      return;
    }
    if (!this.frames.length) return;
    if (tooLong)
      this.flag(
        `a value is larger than the ${this.limits.maxRecordChars.toLocaleString('en')}-character limit`,
        true,
      );
    this.add(value, typeof value === 'string' ? value.length : 8);
  }

  private startContainer(kind: number): void {
    const depth = this.kinds.length;
    if (!this.found && this.candidateDepth === depth) {
      this.candidateDepth = -1;
      if (kind === 0) {
        this.found = true;
        this.recordsDepth = depth;
      }
    }
    if (this.recordsDepth === depth && !this.finished) {
      this.record = kind === 0 ? {} : [];
      this.frames = [{ container: this.record, key: '' }];
      this.chars = 0;
      this.problem = null;
    } else if (this.frames.length) {
      const child: Container = kind === 0 ? {} : [];
      this.add(child, 8);
      this.frames.push({ container: child, key: '' });
    } else if (!this.found && kind === 1 && !this.kinds.includes(1)) {
      if (depth === 0) {
        this.found = true;
        this.recordsDepth = 1;
      } else this.candidateDepth = depth + 1;
    }
    this.kinds.push(kind);
  }

  private endContainer(): void {
    this.kinds.pop();
    const depth = this.kinds.length;
    if (this.candidateDepth === depth + 1) {
      this.candidateDepth = -1;
      this.emptyCandidate = true;
    }
    if (this.frames.length) {
      this.frames.pop();
      if (this.frames.length === 0) this.emit();
    } else if (this.recordsDepth === depth + 1) this.finished = true;
  }

  private flag(message: string, withField: boolean): void {
    if (this.problem) return;
    const field = withField
      ? this.frames
          .map((f) => f.key)
          .filter(Boolean)
          .join('.')
      : undefined;
    this.problem = { message, field: field || undefined };
  }

  private add(value: unknown, size: number): void {
    if (this.problem) return;
    const top = this.frames[this.frames.length - 1];
    this.chars += size + top.key.length;
    if (this.chars > this.limits.maxRecordChars) {
      this.flag(
        `the record is larger than the ${this.limits.maxRecordChars.toLocaleString('en')}-character limit`,
        false,
      );
      this.record = null;
      return;
    }
    if (Array.isArray(top.container)) top.container.push(value);
    else top.container[top.key] = value;
  }

  private emit(): void {
    this.count++;
    const row = this.count;
    const record = this.record;
    this.record = null;
    if (this.problem || record === null) {
      const p = this.problem ?? { message: 'the record is unusable' };
      this.out.push({ row, values: {}, problem: p.message, ...(p.field ? { problemField: p.field } : {}) });
    } else if (Array.isArray(record)) {
      this.out.push({ row, values: {}, problem: 'the record is not a JSON object' });
    } else this.out.push(flattened(row, record, this.limits));
  }
}

function flattened(row: number, record: Record<string, unknown>, limits: ReadLimits): SourceRecord {
  try {
    return { row, values: flattenRecord(record, limits) };
  } catch (err) {
    if (!(err instanceof FlattenProblem)) throw err;
    return { row, values: {}, problem: err.message, ...(err.field ? { problemField: err.field } : {}) };
  }
}

async function* jsonRecords(
  file: string,
  text: AsyncIterable<string>,
  limits: ReadLimits,
): AsyncGenerator<SourceRecord> {
  const collector = new RecordCollector(limits);
  const tokenizer = new JsonTokenizer(collector, {
    maxDepth: limits.maxJsonDepth,
    maxStringChars: limits.maxRecordChars,
  });
  try {
    for await (const chunk of text) {
      tokenizer.push(chunk);
      yield* collector.drain();
      if (collector.finished) return; // whatever follows the records is not needed
    }
    tokenizer.end();
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw new CatalogFileError(file, `${err.message} (line ${err.line})`);
    throw err;
  }
  yield* collector.drain();
  if (!tokenizer.sawValue) throw new CatalogFileError(file, 'file is empty');
  if (!collector.found && !collector.emptyCandidate) {
    throw new CatalogFileError(
      file,
      'no records found: expected a JSON array of objects, or an object holding one',
    );
  }
}

async function* jsonlRecords(
  file: string,
  text: AsyncIterable<string>,
  limits: ReadLimits,
): AsyncGenerator<SourceRecord> {
  let partial = '';
  let tooLong = false;
  let line = 0;
  let sawLine = false;
  const append = (s: string) => {
    if (tooLong) return;
    if (partial.length + s.length > limits.maxRecordChars) {
      tooLong = true;
      partial = '';
    } else partial += s;
  };
  const finish = (): SourceRecord | null => {
    line++;
    const raw = partial.trim();
    const long = tooLong;
    partial = '';
    tooLong = false;
    if (long)
      return {
        row: line,
        values: {},
        problem: `the line is longer than the ${limits.maxRecordChars.toLocaleString('en')}-character limit`,
      };
    if (!raw) return null;
    sawLine = true;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      return { row: line, values: {}, problem: `the line is not valid JSON (${(err as Error).message})` };
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { row: line, values: {}, problem: 'the line is not a JSON object' };
    }
    return flattened(line, value as Record<string, unknown>, limits);
  };
  for await (const chunk of text) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      append(chunk.slice(start, nl));
      start = nl + 1;
      const record = finish();
      if (record) yield record;
    }
    append(chunk.slice(start));
  }
  if (partial || tooLong) {
    const record = finish();
    if (record) yield record;
  }
  if (!sawLine) throw new CatalogFileError(file, 'file is empty');
}

function sizeOf(record: SourceRecord): number {
  let n = 0;
  for (const [k, v] of Object.entries(record.values)) n += k.length + (typeof v === 'string' ? v.length : 8);
  return n;
}

/**
 * JSON records carry their own keys, so the columns are the keys seen in the first records (in order
 * of first appearance). Keys that appear only later still reach `values` and become attributes.
 */
async function withSampledColumns(
  records: AsyncGenerator<SourceRecord>,
  limits: ReadLimits,
): Promise<TableReader> {
  let chars = 0;
  const { buffered, rest } = await peek(records, (b) => {
    if (b.length) chars += sizeOf(b[b.length - 1]);
    return b.length >= SAMPLE_RECORDS || chars >= SAMPLE_CHARS;
  });
  const columns = new Set<string>();
  for (const r of buffered) {
    for (const k of Object.keys(r.values)) if (columns.size < limits.maxColumns) columns.add(k);
  }
  return { columns: [...columns], records: rest };
}

export function openJson(
  file: string,
  text: AsyncIterable<string>,
  limits: ReadLimits,
): Promise<TableReader> {
  return withSampledColumns(jsonRecords(file, text, limits), limits);
}

export function openJsonl(
  file: string,
  text: AsyncIterable<string>,
  limits: ReadLimits,
): Promise<TableReader> {
  return withSampledColumns(jsonlRecords(file, text, limits), limits);
}
