import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CatalogFileError, openSource } from '../../../electron/engine/catalog/source.ts';
import { FIXTURES, readAll, tempFiles } from './helpers.ts';

const tmp = tempFiles();

describe('CSV/TSV reading', () => {
  it('reads the Hermes catalog: 7 columns, 99 records, header is row 1', async () => {
    const { columns, records, delimiter } = await readAll(`${FIXTURES}hermes-products.csv`);
    expect(columns).toEqual(['product_id', 'name', 'category', 'description', 'stock', 'seasons', 'price']);
    expect(delimiter).toBe(',');
    expect(records).toHaveLength(99);
    expect(records[0].row).toBe(2);
    expect(records[0].values).toMatchObject({
      product_id: 'RSG8901',
      seasons: 'Spring, Summer',
      price: '26.99',
    });
    expect(records.every((r) => !r.problem)).toBe(true);
  });

  it.each([
    ['semicolon', ';'],
    ['tab', '\t'],
    ['pipe', '|'],
    ['comma', ','],
  ])('sniffs a %s delimiter', async (_name, d) => {
    const text = [`id${d}name${d}price`, `1${d}"Shirt, blue; size|M"${d}12,50`, `2${d}Hat${d}3`].join('\n');
    const { columns, records, delimiter } = await readAll(tmp.write(`delim-${_name}.csv`, text));
    expect(delimiter).toBe(d);
    expect(columns).toEqual(['id', 'name', 'price']);
    expect(records.map((r) => r.values.name)).toEqual(['Shirt, blue; size|M', 'Hat']);
  });

  it('uses tabs for .tsv and .tab without sniffing', async () => {
    const { records, format } = await readAll(tmp.write('x.tab', 'id\tname,with comma\n1\ta,b\n'));
    expect(format).toBe('tsv');
    expect(records[0].values).toEqual({ id: '1', 'name,with comma': 'a,b' });
  });

  it('handles quotes, escaped quotes, embedded newlines, CRLF and a BOM; rows count records, not lines', async () => {
    const text =
      '\uFEFFid,name,description\r\n1,"A ""quoted"" name","line one\r\nline two"\r\n2,5" screen,plain\r\n';
    const { columns, records } = await readAll(tmp.write('quotes.csv', text));
    expect(columns[0]).toBe('id');
    expect(records).toEqual([
      { row: 2, values: { id: '1', name: 'A "quoted" name', description: 'line one\r\nline two' } },
      { row: 3, values: { id: '2', name: '5" screen', description: 'plain' } },
    ]);
  });

  it('handles bare CR line ends and a quote split across chunk boundaries', async () => {
    const big = 'x'.repeat(64 * 1024 - 12);
    const text = `id,name\r1,"${big}""y"\r2,b`;
    const { records } = await readAll(tmp.write('cr.csv', text));
    expect(records.map((r) => r.row)).toEqual([2, 3]);
    expect(records[0].values.name).toBe(`${big}"y`);
    expect(records[1].values).toEqual({ id: '2', name: 'b' });
  });

  it('makes duplicate and empty header names unique', async () => {
    const { columns } = await readAll(tmp.write('dup.csv', 'col,col,,name,col\n1,2,3,4,5\n'));
    expect(columns).toEqual(['col', 'col_2', 'column_3', 'name', 'col_3']);
  });

  it('flags ragged rows but still yields them; trailing empty extras are fine', async () => {
    const { records } = await readAll(tmp.write('ragged.csv', 'a,b,c\n1,2\n1,2,3,4\n1,2,3,\n'));
    expect(records[0]).toMatchObject({
      row: 2,
      values: { a: '1', b: '2' },
      problem: 'the row has 2 fields but the header has 3',
    });
    expect(records[1]).toMatchObject({ row: 3, problem: 'the row has 4 fields but the header has 3' });
    expect(records[2].problem).toBeUndefined();
  });

  it('skips blank lines but keeps counting rows', async () => {
    const { records } = await readAll(tmp.write('blank.csv', 'id,name\n\n1,a\n,\n2,b\n'));
    expect(records.map((r) => r.row)).toEqual([3, 5]);
  });

  it('rejects only the row whose field exceeds the limit', async () => {
    const file = tmp.write('bigfield.csv', `id,name,description\n1,a,"${'z'.repeat(5000)}"\n2,b,ok\n`);
    const { records } = await readAll(file, { limits: { maxFieldChars: 1000 } });
    expect(records[0]).toMatchObject({ row: 2, problemField: 'description' });
    expect(records[0].problem).toMatch(/larger than the 1,000-character limit/);
    expect(records[1]).toEqual({ row: 3, values: { id: '2', name: 'b', description: 'ok' } });
  });

  it('rejects a 10 MB field with the default 1 MiB limit and keeps the rest', async () => {
    const file = tmp.write('10mb.csv', `id,name,notes\n1,a,${'q'.repeat(10 * 1024 * 1024)}\n2,b,c\n`);
    const { records } = await readAll(file);
    expect(records).toHaveLength(2);
    expect(records[0].problem).toMatch(/1,048,576-character limit/);
    expect(records[0].values.notes).toBeUndefined();
    expect(records[1].values).toEqual({ id: '2', name: 'b', notes: 'c' });
  });

  it('fails on an unbalanced quote, naming the row where it opened', async () => {
    const file = tmp.write('unbalanced.csv', 'id,name\n1,a\n2,"never closed\n3,c\n4,d\n');
    const err = await readAll(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogFileError);
    expect((err as CatalogFileError).row).toBe(3);
    expect((err as Error).message).toBe(
      'unbalanced.csv (row 3): unbalanced quote: a quoted value opened here is never closed',
    );
  });

  it('refuses a header with absurdly many columns without reading the whole line', async () => {
    const file = tmp.write(
      'wide.csv',
      `${Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',')}\n1,2\n`,
    );
    await expect(openSource(file)).rejects.toThrow(
      /wide\.csv \(row 1\): the header row is unusable \(the row has more than 10,000 fields\)/,
    );
  });

  it('says an empty file is empty, and a header-only file has zero records', async () => {
    await expect(openSource(tmp.write('empty.csv', ''))).rejects.toThrow('empty.csv: file is empty');
    await expect(openSource(tmp.write('blank-lines.csv', '\n\r\n\n'))).rejects.toThrow(/file is empty/);
    const { columns, records } = await readAll(tmp.write('header-only.csv', 'id,name,price\n'));
    expect(columns).toEqual(['id', 'name', 'price']);
    expect(records).toEqual([]);
  });

  it('reads gzipped files, detected by magic bytes even without .gz', async () => {
    const csv = 'id,name\n1,a\n2,b\n';
    const named = await readAll(tmp.write('g.csv.gz', gzipSync(csv)));
    const unnamed = await readAll(tmp.write('g2.csv', gzipSync(csv)));
    expect(named.records.map((r) => r.values.name)).toEqual(['a', 'b']);
    expect(unnamed.records).toEqual(named.records);
  });

  it('reports bytes read against the file size, and can be read only once', async () => {
    const file = `${FIXTURES}hermes-products.csv`;
    const source = await openSource(file);
    for await (const _ of source.records());
    expect(source.bytesRead()).toBe(source.totalBytes);
    expect(() => source.records()).toThrow(/only once/);
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    const source = await openSource(`${FIXTURES}hermes-products.csv`, { signal: controller.signal });
    let n = 0;
    const run = async () => {
      for await (const _ of source.records()) if (++n === 5) controller.abort();
    };
    await expect(run()).rejects.toThrow(/abort/i);
    expect(n).toBe(5);
  });

  it('fails clearly on a missing file', async () => {
    await expect(openSource(`${tmp.dir}/nope.csv`)).rejects.toThrow(
      /nope\.csv: cannot open the file \(ENOENT\)/,
    );
  });
});
