import type { ReadLimits } from './limits.ts';

export interface CsvRow {
  /** 1-based record number; blank records count, so it matches the row a spreadsheet shows. */
  row: number;
  fields: string[];
  /** Why the row cannot be used as it is (oversized value, too many fields). */
  problem?: string;
  /** 0-based index of the field the problem is about, when it is about one. */
  problemField?: number;
}

const QUOTE = 34;
const chars = (n: number) => `${n.toLocaleString('en')}-character`;
const LF = 10;
const CR = 13;

/**
 * An incremental RFC 4180 tokenizer fed with text chunks of any size. It is lenient where real
 * exports are sloppy (a quote inside an unquoted field, text after a closing quote, bare CR line
 * ends) and strict where data would be silently corrupted (a quote still open at the end of the
 * file). Values over the limits are not kept — the row is flagged instead — so memory stays bounded
 * even when an unbalanced quote swallows the rest of a huge file.
 */
export class CsvTokenizer {
  private readonly delimiter: number;
  private readonly limits: ReadLimits;
  private readonly maxFields: number;
  private field = '';
  private fields: string[] = [];
  private recordChars = 0;
  private inQuotes = false;
  private quotePending = false; // a quote ended the previous chunk: closing, or the first half of ""
  private fieldStarted = false;
  private fieldQuoted = false;
  private droppedText = false;
  private skipLF = false;
  private problem: string | undefined;
  private problemField: number | undefined;
  private rowNumber = 0;
  private quoteOpenedAt = 0;
  private out: CsvRow[] = [];

  constructor(delimiter: string, limits: ReadLimits, maxFields: number) {
    this.delimiter = delimiter.charCodeAt(0);
    this.limits = limits;
    this.maxFields = maxFields;
  }

  /** The number of the record being read (for error messages). */
  get currentRow(): number {
    return this.rowNumber + 1;
  }

  /** Set while the first record (the header) is already known to be unusable. */
  get headerProblem(): string | undefined {
    return this.rowNumber === 0 ? this.problem : undefined;
  }

  /** The record where the still-open quote started, if one is open at the end of the input. */
  get unclosedQuoteRow(): number | null {
    return this.inQuotes && !this.quotePending ? this.quoteOpenedAt : null;
  }

  push(text: string): CsvRow[] {
    const n = text.length;
    let i = 0;
    if (this.skipLF && n > 0) {
      this.skipLF = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    if (this.quotePending && i < n) {
      this.quotePending = false;
      if (text.charCodeAt(i) === QUOTE) {
        this.append('"');
        i++;
      } else this.inQuotes = false;
    }
    while (i < n) {
      if (this.inQuotes) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          this.append(text.slice(i));
          break;
        }
        this.append(text.slice(i, q));
        if (q + 1 === n) {
          this.quotePending = true;
          break;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          this.append('"');
          i = q + 2;
        } else {
          this.inQuotes = false;
          i = q + 1;
        }
        continue;
      }
      let j = i;
      let c = 0;
      for (; j < n; j++) {
        c = text.charCodeAt(j);
        if (c === this.delimiter || c === LF || c === CR || c === QUOTE) break;
      }
      if (j > i) this.append(text.slice(i, j));
      if (j === n) break;
      i = j + 1;
      if (c === QUOTE) {
        if (!this.fieldQuoted && !this.fieldHasText()) {
          // A quote opening a field (possibly after stray spaces) starts a quoted value.
          this.field = '';
          this.inQuotes = true;
          this.fieldQuoted = true;
          this.quoteOpenedAt = this.currentRow;
        } else this.append('"');
        this.fieldStarted = true;
      } else if (c === this.delimiter) {
        this.endField();
      } else {
        this.endField();
        this.endRecord();
        if (c === CR) {
          if (i < n) {
            if (text.charCodeAt(i) === LF) i++;
          } else this.skipLF = true;
        }
      }
    }
    return this.drain();
  }

  /** Flushes the last record. The caller checks `unclosedQuoteRow` first. */
  end(): CsvRow[] {
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
    }
    if (this.fieldStarted || this.fields.length > 0) {
      this.endField();
      this.endRecord();
    }
    return this.drain();
  }

  private drain(): CsvRow[] {
    const rows = this.out;
    this.out = [];
    return rows;
  }

  private flag(problem: string, field?: number): void {
    if (this.problem) return;
    this.problem = problem;
    this.problemField = field;
  }

  /** Whether the current field holds more than whitespace (tracked apart from the kept text, which a refused row drops). */
  private fieldHasText(): boolean {
    return this.problem ? this.droppedText : this.field.trim() !== '';
  }

  private append(s: string): void {
    this.fieldStarted = true;
    if (this.problem) {
      // The row is refused anyway: keep nothing more of it.
      if (!this.droppedText && s.trim() !== '') this.droppedText = true;
      return;
    }
    this.recordChars += s.length;
    if (this.field.length + s.length > this.limits.maxFieldChars) {
      this.flag(`a value is larger than the ${chars(this.limits.maxFieldChars)} limit`, this.fields.length);
      this.field = '';
    } else if (this.recordChars > this.limits.maxRecordChars) {
      this.flag(`the row is larger than the ${chars(this.limits.maxRecordChars)} limit`);
      this.field = '';
    } else this.field += s;
  }

  private endField(): void {
    if (!this.problem) {
      if (this.fields.length < this.maxFields) this.fields.push(this.field);
      else this.flag(`the row has more than ${this.maxFields.toLocaleString('en')} fields`);
    }
    this.field = '';
    this.fieldStarted = false;
    this.fieldQuoted = false;
    this.droppedText = false;
  }

  private endRecord(): void {
    this.rowNumber++;
    const fields = this.fields;
    const blank = fields.every((f) => f === '') && !this.problem;
    if (!blank) {
      const row: CsvRow = { row: this.rowNumber, fields };
      if (this.problem) {
        row.problem = this.problem;
        if (this.problemField !== undefined) row.problemField = this.problemField;
      }
      this.out.push(row);
    }
    this.fields = [];
    this.recordChars = 0;
    this.problem = undefined;
    this.problemField = undefined;
  }
}
