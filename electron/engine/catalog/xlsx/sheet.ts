import { CatalogFileError } from '../errors.ts';
import type { ReadLimits } from '../limits.ts';
import { serialToIso } from './dates.ts';
import type { SharedString } from './shared-strings.ts';
import { parseXml } from './xml.ts';

export type CellValue = string | number | boolean | null;

export interface SheetRow {
  row: number;
  /** [0-based column, value] for each cell present, in sheet order; sparse rows leave gaps. */
  cells: [number, CellValue][];
  problem?: string;
  problemColumn?: number;
}

export interface SheetContext {
  file: string;
  sheet: string;
  strings: readonly SharedString[];
  dateStyles: readonly boolean[];
  date1904: boolean;
  limits: ReadLimits;
}

// The largest sheet Excel itself can hold.
const EXCEL_ROWS = 1_048_576;
const EXCEL_COLUMNS = 16_384;

/** `B12` → { col: 1, row: 12 }; null when the reference is malformed. */
export function parseCellRef(ref: string): { col: number; row: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col: col - 1, row: Number(m[2]) };
}

/** { col: 1, row: 12 } → `B12`. */
export function cellName(col: number, row: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/**
 * Streams the rows of one worksheet part, resolving shared strings, booleans, errors, inline
 * strings, formulas (their cached value) and date-formatted numbers. Refuses declared dimensions or
 * cell references beyond what the file could sensibly hold before reading the cells.
 */
export function sheetRows(chunks: AsyncIterable<string>, ctx: SheetContext): AsyncGenerator<SheetRow> {
  const { file, limits } = ctx;
  const out: SheetRow[] = [];
  let current: SheetRow | null = null;
  let rowNumber = 0;
  let nextCol = 0;
  let cell: { col: number; type: string; style: number } | null = null;
  let text = '';
  let tooLong = false;
  let capture = false;
  let inInline = false;
  let inPhonetic = false;

  const refuse = (problem: string): never => {
    throw new CatalogFileError(file, `sheet "${ctx.sheet}": ${problem}`);
  };
  const flag = (problem: string, column?: number) => {
    if (current && !current.problem) {
      current.problem = problem;
      if (column !== undefined) current.problemColumn = column;
    }
  };
  const checkDimension = (ref: string) => {
    const end = parseCellRef(ref.split(':').pop() ?? '');
    if (!end) return;
    if (end.col >= EXCEL_COLUMNS || end.row > EXCEL_ROWS) {
      refuse(`the declared size ${ref} is beyond what a worksheet can hold`);
    }
    if (end.col >= limits.maxColumns) {
      refuse(`the declared size ${ref} has more than ${limits.maxColumns.toLocaleString('en')} columns`);
    }
  };
  /** `cell B2 of sheet "Products"`: where a flagged value is, for the rejected-row report. */
  const at = (col: number) => `cell ${cellName(col, rowNumber)} of sheet "${ctx.sheet}"`;
  const limit = `the ${limits.maxFieldChars.toLocaleString('en')}-character limit`;
  const value = (): CellValue => {
    const c = cell!;
    if (tooLong) return null;
    switch (c.type) {
      case 's': {
        if (text === '') return null;
        const s = ctx.strings[Number(text)];
        if (s === undefined)
          flag(`${at(c.col)} refers to shared string ${text}, which does not exist`, c.col);
        else if (s === null)
          flag(`${at(c.col)} holds shared string ${text}, which is larger than ${limit}`, c.col);
        return s ?? null;
      }
      case 'inlineStr':
      case 'str':
      case 'e':
      case 'd':
        return text;
      case 'b':
        return text === '1' || text === 'true';
      default: {
        if (text.trim() === '') return null;
        const n = Number(text);
        if (!Number.isFinite(n)) return text;
        return ctx.dateStyles[c.style] ? serialToIso(n, ctx.date1904) : n;
      }
    }
  };

  const handlers = {
    open(name: string, a: Record<string, string>) {
      switch (name) {
        case 'dimension':
          if (a.ref) checkDimension(a.ref);
          break;
        case 'row':
          rowNumber = a.r ? Number(a.r) : rowNumber + 1;
          if (!Number.isInteger(rowNumber) || rowNumber < 1 || rowNumber > EXCEL_ROWS)
            refuse(`row number "${a.r}" is invalid`);
          current = { row: rowNumber, cells: [] };
          nextCol = 0;
          break;
        case 'c': {
          const ref = a.r ? parseCellRef(a.r) : null;
          if (a.r && !ref) refuse(`cell reference "${a.r}" is invalid`);
          const col = ref ? ref.col : nextCol;
          if (col >= EXCEL_COLUMNS) refuse(`cell reference "${a.r}" is beyond the last column`);
          cell = { col, type: a.t ?? 'n', style: Number(a.s ?? 0) };
          text = '';
          tooLong = false;
          break;
        }
        case 'v':
          capture = true;
          break;
        case 'is':
          inInline = true;
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        case 't':
          if (inInline && !inPhonetic) capture = true;
          break;
      }
    },
    close(name: string) {
      switch (name) {
        case 'v':
        case 't':
          capture = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c':
          if (cell && current) {
            if (cell.col < limits.maxColumns) current.cells.push([cell.col, value()]);
            else flag(`the row has a value beyond column ${limits.maxColumns.toLocaleString('en')}`);
            nextCol = cell.col + 1;
          }
          cell = null;
          break;
        case 'row':
          if (current) out.push(current);
          current = null;
          break;
      }
    },
    text(t: string) {
      if (!capture || !cell || tooLong) return;
      if (text.length + t.length > limits.maxFieldChars) {
        tooLong = true;
        text = '';
        flag(`${at(cell.col)} is larger than ${limit}`, cell.col);
      } else text += t;
    },
  };
  return parseXml({ file, part: `sheet "${ctx.sheet}"`, limits }, chunks, handlers, () => out.splice(0));
}
