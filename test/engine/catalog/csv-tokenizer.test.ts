import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type CsvRow } from '../../../electron/engine/catalog/csv-tokenizer.ts';
import { DEFAULT_LIMITS } from '../../../electron/engine/catalog/limits.ts';

function tokenize(chunks: string[], delimiter = ','): CsvRow[] {
  const t = new CsvTokenizer(delimiter, DEFAULT_LIMITS, 100);
  const rows = chunks.flatMap((c) => t.push(c));
  expect(t.unclosedQuoteRow).toBeNull();
  return [...rows, ...t.end()];
}

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('CsvTokenizer', () => {
  it('round-trips quoted values whatever the chunk boundaries', () => {
    const rand = random(42);
    const pieces = ['a', 'é', '😀', ',', '"', '\n', '\r\n', ' ', 'x;y', '\t'];
    const value = () =>
      Array.from({ length: Math.floor(rand() * 6) }, () => pieces[Math.floor(rand() * pieces.length)]).join(
        '',
      );
    for (let trial = 0; trial < 200; trial++) {
      const records = Array.from({ length: 1 + Math.floor(rand() * 4) }, () =>
        Array.from({ length: 3 }, () => `v${value()}`),
      );
      const eol = rand() < 0.5 ? '\n' : '\r\n';
      const text = records.map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join(',')).join(eol);
      const cuts = [
        0,
        ...Array.from({ length: 3 }, () => Math.floor(rand() * text.length)).sort((a, b) => a - b),
        text.length,
      ];
      const chunks = cuts.slice(1).map((c, i) => text.slice(cuts[i], c));
      expect(tokenize(chunks).map((r) => r.fields)).toEqual(records);
    }
  });

  it('is lenient with quotes inside unquoted values and text after a closing quote', () => {
    expect(tokenize(['a,5" screen,"quoted"tail, "spaced"\n']).map((r) => r.fields)).toEqual([
      ['a', '5" screen', 'quotedtail', 'spaced'],
    ]);
  });

  it('still reads quotes correctly in the rest of a row it has refused', () => {
    const t = new CsvTokenizer(',', { ...DEFAULT_LIMITS, maxFieldChars: 5 }, 100);
    const rows = [...t.push('a,b,c\n1,toolongvalue,5" screen\n2,"x",y\n'), ...t.end()];
    expect(t.unclosedQuoteRow).toBeNull();
    expect(rows.map((r) => [r.row, r.problem ?? null])).toEqual([
      [1, null],
      [2, 'a value is larger than the 5-character limit'],
      [3, null],
    ]);
    expect(rows[2].fields).toEqual(['2', 'x', 'y']);
  });

  it('reports the row where an unclosed quote opened', () => {
    const t = new CsvTokenizer(',', DEFAULT_LIMITS, 100);
    t.push('a,b\n1,"x\n2,y\n');
    expect(t.unclosedQuoteRow).toBe(2);
  });

  it('flags a row with more fields than allowed, keeping no more than the limit', () => {
    const rows = tokenize([`${'x,'.repeat(150)}x\n1,2\n`]);
    expect(rows[0]).toMatchObject({ row: 1, problem: 'the row has more than 100 fields' });
    expect(rows[0].fields).toHaveLength(100);
    expect(rows[1]).toEqual({ row: 2, fields: ['1', '2'] });
  });
});
