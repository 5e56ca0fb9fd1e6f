// The rejected-rows report as CSV (RFC 4180 quoting), for a manager to fix the source file.
import type { RejectedRow } from '../../../shared/types.ts';

const quote = (value: string | number) => {
  const text = String(value);
  // A leading =, +, - or @ would run as a formula when the report is opened in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function rejectedRowsToCsv(rows: readonly RejectedRow[]): string {
  const lines = [['file', 'row', 'field', 'reason'].join(',')];
  for (const row of rows) lines.push([row.file, row.row, row.field, row.reason].map(quote).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
