import { describe, expect, it } from 'vitest';
import { rejectedRowsToCsv } from '../../../../renderer/features/indexing/rejected-csv.ts';

describe('rejectedRowsToCsv', () => {
  it('writes a header and quotes commas, quotes and newlines', () => {
    const csv = rejectedRowsToCsv([
      { file: 'a.csv', row: 4, field: 'price', reason: 'price "cheap" is not a number' },
      { file: 'my, file.csv', row: 7, field: '(row)', reason: 'line 1\nline 2' },
    ]);
    expect(csv).toBe(
      'file,row,field,reason\r\n' +
        'a.csv,4,price,"price ""cheap"" is not a number"\r\n' +
        '"my, file.csv",7,(row),"line 1\nline 2"\r\n',
    );
  });

  it('defuses values a spreadsheet would run as formulas', () => {
    const csv = rejectedRowsToCsv([
      { file: 'x.csv', row: 2, field: 'price', reason: '=HYPERLINK("http://x")' },
    ]);
    expect(csv.split('\r\n')[1]).toBe(`x.csv,2,price,"'=HYPERLINK(""http://x"")"`);
  });
});
