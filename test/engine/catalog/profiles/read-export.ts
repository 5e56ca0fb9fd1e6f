import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { RejectedRow } from '../../../../shared/types.ts';
import { assembleProduct } from '../../../../electron/engine/catalog/assemble.ts';
import { fileMapping } from '../../../../electron/engine/catalog/mapping.ts';
import {
  readPiece,
  Rejection,
  type Piece,
  type ProductInput,
} from '../../../../electron/engine/catalog/normalize.ts';
import { detectProfile } from '../../../../electron/engine/catalog/profiles/index.ts';
import {
  isProblem,
  isSkip,
  type PlatformProfile,
} from '../../../../electron/engine/catalog/profiles/profile.ts';
import { openSource } from '../../../../electron/engine/catalog/source.ts';

export const EXPORTS = new URL('../../../../e2e/fixtures/exports/', import.meta.url).pathname;

export interface ExportRead {
  profile: PlatformProfile | null;
  products: ProductInput[];
  rejected: RejectedRow[];
  /** Rows the profile skipped, counted by its reason. */
  skipped: Record<string, number>;
}

/**
 * A platform export read the way the import reads it, in memory: the profile its header shows, each
 * record read into a piece, the pieces grouped after the whole file is read and assembled per group.
 */
export async function readExport(file: string): Promise<ExportRead> {
  const name = path.basename(file);
  const source = await openSource(file);
  const profile = detectProfile(source.columns, source.xmlDialect ?? null);
  const mapping = fileMapping(source.columns, profile, undefined);
  const readRow = profile?.rows?.(source.columns) ?? null;
  const groups = new Map<string, Piece[]>();
  const rejected: RejectedRow[] = [];
  const skipped: Record<string, number> = {};
  for await (const record of source.records()) {
    const reading = readRow && !record.problem ? readRow(record.values) : null;
    if (reading && isSkip(reading)) {
      skipped[reading.skip] = (skipped[reading.skip] ?? 0) + 1;
      continue;
    }
    if (reading && isProblem(reading)) {
      rejected.push({ file: name, row: record.row, field: reading.field, reason: reading.reason });
      continue;
    }
    const piece = readPiece(record, mapping, name, profile, reading);
    if (piece instanceof Rejection) rejected.push(piece.rejected);
    else groups.set(piece.group, [...(groups.get(piece.group) ?? []), piece]);
  }
  applyClaims(groups);
  const products: ProductInput[] = [];
  const groupColumn = profile?.groupColumn ?? mapping.id ?? 'id';
  for (const pieces of groups.values()) {
    const assembled = assembleProduct(pieces, name, groupColumn);
    rejected.push(...assembled.rejected);
    if (assembled.product) products.push(assembled.product);
  }
  rejected.sort((a, b) => a.row - b.row);
  return { profile, products, rejected, skipped };
}

/** As the import's staging does: a claimed product's rows join the claiming product's group as its variant. */
function applyClaims(groups: Map<string, Piece[]>): void {
  const claims = new Map<string, { group: string; options: Record<string, string> }>();
  for (const pieces of groups.values()) {
    for (const piece of pieces) {
      for (const claim of piece.claims ?? []) {
        if (!claims.has(claim.id)) claims.set(claim.id, { group: piece.group, options: claim.options });
      }
    }
  }
  for (const [id, { group, options }] of claims) {
    const moved = groups.get(id);
    const target = groups.get(group);
    if (id === group || !moved || !target) continue;
    groups.delete(id);
    target.push(...moved.map((p) => ({ ...p, group, claimed: options })));
    target.sort((a, b) => a.row - b.row);
  }
}

/** The product with this id; fails the test when the export did not give it. */
export function productById(read: ExportRead, id: string): ProductInput {
  const product = read.products.find((p) => p.id === id);
  if (!product) throw new Error(`no product "${id}" among ${read.products.map((p) => p.id).join(', ')}`);
  return product;
}

/** A delimited export's rows, header first, to change cell by cell before `writeCsv`. */
export function readCsv(file: string, delimiter = ','): string[][] {
  return parse(readFileSync(file, 'utf8'), { bom: true, delimiter, relax_column_count: true }) as string[][];
}

export function writeCsv(rows: string[][], delimiter = ','): string {
  const special = new RegExp(`["${delimiter}\\r\\n]`);
  const quote = (v: string) => (special.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return rows.map((r) => r.map(quote).join(delimiter)).join('\n') + '\n';
}

/** Changes a file's rows (header first); `col` finds a column by name and fails the test if it is absent. */
export type RowsEdit = (rows: string[][], col: (name: string) => number) => string[][] | void;

let edits = 0;

/**
 * The real export changed by `edit`, written into `dir` under the fixture's own name (prefixed to keep
 * each copy apart), so that messages name the file as they would for the original.
 */
export function editedExport(
  dir: { write(name: string, content: string): string },
  fixture: string,
  edit: RowsEdit,
  delimiter = ',',
): string {
  const rows = readCsv(fixture, delimiter);
  const col = (name: string) => {
    const i = rows[0].indexOf(name);
    if (i < 0) throw new Error(`no column ${name} in ${path.basename(fixture)}`);
    return i;
  };
  const out = edit(rows, col) ?? rows;
  return dir.write(`${++edits}-${path.basename(fixture)}`, writeCsv(out, delimiter));
}

/** The name rejected rows give a file: its base name. */
export const fileName = (file: string) => path.basename(file);
