import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countMismatches, isFailure, runStage } from '../../../bench/stages/platform-import.ts';

const detection = (rows: number, products: number, variants: number) => ({
  platform: 'shopify',
  label: 'Shopify product CSV',
  rows,
  products,
  variants,
  skipped: {},
});

describe('countMismatches', () => {
  const expected = { rows: 10, products: 4, variants: 7 };

  it('is empty when the import read and stored exactly what was generated', () => {
    const result = { detection: detection(10, 4, 7), rejected: 0, rejectedRows: [] };
    expect(countMismatches(expected, result, { products: 4, variants: 7 })).toEqual([]);
  });

  it('names every difference: read, stored, rejected', () => {
    const result = {
      detection: detection(10, 3, 7),
      rejected: 1,
      rejectedRows: [{ file: 'f.csv', row: 5, field: 'Handle', reason: 'the handle is empty' }],
    };
    expect(countMismatches(expected, result, { products: 3, variants: 6 })).toEqual([
      'products: generated 4, import read 3',
      'products: generated 4, catalog holds 3',
      'variants: generated 7, catalog holds 6',
      '1 rows rejected (row 5 Handle: the handle is empty)',
    ]);
  });

  it('fails an import that detected nothing', () => {
    const result = { detection: undefined, rejected: 0, rejectedRows: [] };
    expect(countMismatches(expected, result, { products: 4, variants: 7 })).toEqual([
      'the import reported no detection',
    ]);
  });
});

describe('runStage', () => {
  it('stamps the figures with time, commit and load, removes its temp dir, and keeps a failure as the result', async () => {
    const ok = await runStage('ok', async (tmp) => ({ label: 'ok', tmp }));
    if (isFailure(ok)) throw new Error(ok.failed);
    expect(ok).toMatchObject({ label: 'ok', commit: expect.any(String), tookSec: expect.any(Number) });
    expect(Date.parse(ok.measuredAt)).not.toBeNaN();
    expect(fs.existsSync(ok.tmp)).toBe(false);

    const failed = await runStage('broken', async () => {
      throw new Error('counts differ');
    });
    expect(isFailure(failed)).toBe(true);
    expect(failed).toMatchObject({ label: 'broken', failed: 'counts differ' });
  });
});
