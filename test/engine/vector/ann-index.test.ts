import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnnIndex } from '../../../electron/engine/vector/ann-index.ts';
import { tempDir } from '../helpers.ts';

const DIMS = 8;
const unit = (i: number) => Float32Array.from({ length: DIMS }, (_, d) => (d === i % DIMS ? 1 : 0.01 * d));

describe('the ANN index', () => {
  it('finds what was added, also after a save and a read-only reopen', () => {
    const file = path.join(tempDir(), 'vectors.usearch');
    const ann = AnnIndex.open(file, DIMS);
    const vectors = new Float32Array(4 * DIMS);
    [0, 1, 2, 3].forEach((i) => vectors.set(unit(i), i * DIMS));
    ann.upsert([10, 11, 12, 13], vectors);
    expect(ann.search(unit(2), 1)[0]?.rowid).toBe(12);
    ann.save();
    const reopened = AnnIndex.open(file, DIMS);
    expect(reopened.size).toBe(4);
    expect(reopened.search(unit(3), 2).map((m) => m.rowid)[0]).toBe(13);
  });

  it('refuses a result count that is not a whole number instead of letting USearch abort the process', () => {
    const ann = AnnIndex.open(path.join(tempDir(), 'vectors.usearch'), DIMS);
    ann.upsert([1], unit(1));
    expect(() => ann.search(unit(1), Number.NaN)).toThrow(RangeError);
    expect(() => ann.search(unit(1), 2.5)).toThrow(RangeError);
    expect(ann.search(unit(1), 0)).toEqual([]);
  });
});
