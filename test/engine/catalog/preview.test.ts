import { describe, expect, it } from 'vitest';
import { previewFile } from '../../../electron/engine/catalog/preview.ts';
import { FIXTURES, tempFiles } from './helpers.ts';

const tmp = tempFiles();

describe('previewFile', () => {
  it('gives columns, stringified sample rows and the detected mapping', async () => {
    const p = await previewFile(`${FIXTURES}hermes-products.csv`, { rows: 3 });
    expect(p.format).toBe('csv');
    expect(p.sheets).toEqual([]);
    expect(p.columns).toHaveLength(7);
    expect(p.sampleRows).toHaveLength(3);
    expect(p.sampleRows[0]).toMatchObject({ product_id: 'RSG8901', price: '26.99' });
    expect(p.mapping).toMatchObject({ id: 'product_id', name: 'name', price: 'price', season: 'seasons' });
  });

  it('stops reading after the sample rows, even when the rest of the file is broken', async () => {
    const file = tmp.write('tail-broken.csv', 'id,name\n1,a\n2,b\n3,"never closed\n');
    const p = await previewFile(file, { rows: 2 });
    expect(p.sampleRows).toEqual([
      { id: '1', name: 'a' },
      { id: '2', name: 'b' },
    ]);
  });
});
