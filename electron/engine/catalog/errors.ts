import { basename } from 'node:path';

/** A catalog file that cannot be read at all (as opposed to a single bad row, which is rejected). */
export class CatalogFileError extends Error {
  file: string;
  row?: number;
  field?: string;

  constructor(file: string, problem: string, where: { row?: number; field?: string } = {}) {
    const at = [
      where.row !== undefined ? `row ${where.row}` : '',
      where.field !== undefined ? `field "${where.field}"` : '',
    ]
      .filter(Boolean)
      .join(', ');
    super(`${basename(file)}${at ? ` (${at})` : ''}: ${problem}`);
    this.name = 'CatalogFileError';
    this.file = file;
    this.row = where.row;
    this.field = where.field;
  }
}
