import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { JsonTokenizer, type JsonHandler } from '../../../electron/engine/catalog/json-tokenizer.ts';
import { detectMapping } from '../../../electron/engine/catalog/mapping.ts';
import { toProduct } from '../../../electron/engine/catalog/normalize.ts';
import { CatalogFileError, openSource } from '../../../electron/engine/catalog/source.ts';
import { FIXTURES, readAll, tempFiles } from './helpers.ts';

const tmp = tempFiles();

/** Rebuilds the value from tokenizer events, to compare with JSON.parse. */
function rebuild(chunks: string[]): unknown {
  const stack: { c: Record<string, unknown> | unknown[]; k: string }[] = [];
  let root: unknown;
  const add = (v: unknown) => {
    const top = stack[stack.length - 1];
    if (!top) root = v;
    else if (Array.isArray(top.c)) top.c.push(v);
    else top.c[top.k] = v;
  };
  const open = (c: Record<string, unknown> | unknown[]) => {
    add(c);
    stack.push({ c, k: '' });
  };
  const handler: JsonHandler = {
    startObject: () => open({}),
    startArray: () => open([]),
    endObject: () => void stack.pop(),
    endArray: () => void stack.pop(),
    key: (k) => (stack[stack.length - 1].k = k),
    scalar: (v) => add(v),
  };
  const t = new JsonTokenizer(handler, { maxDepth: 64, maxStringChars: 1e6 });
  for (const c of chunks) t.push(c);
  t.end();
  return root;
}

describe('JsonTokenizer', () => {
  const doc = JSON.stringify({
    a: [1, -2.5e3, true, false, null, 'x"y\\z\n\t\u00e9\ud83d\ude00/'],
    'k\u0001': { nested: [[], {}, [{ deep: 'é' }]] },
    n: 0,
  }).replace('/', '\\/');

  it('matches JSON.parse whatever the chunk boundaries', () => {
    expect(rebuild([doc])).toEqual(JSON.parse(doc));
    expect(rebuild(doc.split(''))).toEqual(JSON.parse(doc));
    for (let cut = 1; cut < doc.length; cut += 3)
      expect(rebuild([doc.slice(0, cut), doc.slice(cut)])).toEqual(JSON.parse(doc));
  });

  it.each([
    ['{"a" 1}', /unexpected "1"/],
    ['[1,]', /unexpected "]"/],
    ['[1 2]', /unexpected "2"/],
    ['{"a":tru}', /"tru" is not a JSON value/],
    ['["a\\x"]', /bad escape/],
    ['[1] [2]', /after the end of the JSON value/],
    ['[{"a":1}', /the file ends before the JSON is complete/],
    ['["abc', /the file ends inside a string/],
  ])('refuses %s', (text, message) => {
    expect(() => rebuild([text])).toThrow(message);
  });
});

describe('JSON reading', () => {
  it('streams a top-level array, flattening nested objects and arrays', async () => {
    const data = [
      {
        id: 1,
        title: 'A',
        dimensions: { width: 2, height: { cm: 3 } },
        tags: ['x', 'y', null],
        reviews: [{ r: 5 }],
        empty: {},
        none: [],
      },
      { id: 2, title: 'B', extra: true },
    ];
    const { columns, records, format } = await readAll(tmp.write('a.json', JSON.stringify(data, null, 2)));
    expect(format).toBe('json');
    expect(columns).toEqual([
      'id',
      'title',
      'dimensions.width',
      'dimensions.height.cm',
      'tags',
      'reviews',
      'empty',
      'none',
      'extra',
    ]);
    expect(records).toEqual([
      {
        row: 1,
        values: {
          id: 1,
          title: 'A',
          'dimensions.width': 2,
          'dimensions.height.cm': 3,
          tags: 'x, y',
          reviews: '[{"r":5}]',
          empty: null,
          none: null,
        },
      },
      { row: 2, values: { id: 2, title: 'B', extra: true } },
    ]);
  });

  it('finds the records array inside a wrapper object, skipping other properties', async () => {
    const text = JSON.stringify({
      meta: { total: 2, list: [1] },
      tags: ['a', 'b'],
      none: [],
      data: {
        products: [
          { sku: 'A1', name: 'One' },
          { sku: 'A2', name: 'Two' },
        ],
      },
      after: [{ ignored: true }],
    });
    const { records } = await readAll(tmp.write('wrap.json', text));
    expect(records.map((r) => r.values)).toEqual([
      { sku: 'A1', name: 'One' },
      { sku: 'A2', name: 'Two' },
    ]);
  });

  it('reads the DummyJSON-style {"products": [...]} wrapper', async () => {
    const text = JSON.stringify({
      products: [{ id: 1, title: 'Mascara', dimensions: { width: 15.14 } }],
      total: 1,
      skip: 0,
    });
    const { records } = await readAll(tmp.write('dummy.json', text));
    expect(records).toEqual([{ row: 1, values: { id: 1, title: 'Mascara', 'dimensions.width': 15.14 } }]);
  });

  it('flags records that are not objects or too large, and keeps the others', async () => {
    const text = `[{"id":1},42,[1],{"id":2,"notes":"${'x'.repeat(3000)}"},{"id":3}]`;
    const { records } = await readAll(tmp.write('mixed.json', text), {
      limits: { maxFieldChars: 1000, maxRecordChars: 100_000 },
    });
    expect(records.map((r) => [r.row, r.problem ?? null, r.problemField ?? null])).toEqual([
      [1, null, null],
      [2, 'the record is not a JSON object', null],
      [3, 'the record is not a JSON object', null],
      [4, 'a value is larger than the 1,000-character limit', 'notes'],
      [5, null, null],
    ]);
    const big = await readAll(tmp.write('huge.json', text), { limits: { maxRecordChars: 1000 } });
    expect(big.records[3]).toMatchObject({
      row: 4,
      problem: 'a value is larger than the 1,000-character limit',
      problemField: 'notes',
    });
    expect(big.records[4].values).toEqual({ id: 3 });
  });

  it('refuses nesting deeper than 64 levels', async () => {
    const deep = `[{"a":${'['.repeat(100)}1${']'.repeat(100)}}]`;
    const err = await readAll(tmp.write('deep.json', deep)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogFileError);
    expect((err as Error).message).toBe('deep.json: the JSON is nested deeper than 64 levels (line 1)');
  });

  it('names the line of a syntax error and of truncation', async () => {
    await expect(readAll(tmp.write('bad.json', '[\n{"id": 1},\n{"id": 2,}\n]'))).rejects.toThrow(
      'bad.json: invalid JSON: unexpected "}" (line 3)',
    );
    const full = JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ id: i })));
    await expect(readAll(tmp.write('cut.json.gz', gzipSync(full.slice(0, 300))))).rejects.toThrow(
      /cut\.json\.gz: invalid JSON: the file ends/,
    );
  });

  it('handles empty files, empty arrays and documents without records', async () => {
    await expect(openSource(tmp.write('empty.json', '  \n '))).rejects.toThrow('empty.json: file is empty');
    expect(await readAll(tmp.write('none.json', '[]'))).toMatchObject({ columns: [], records: [] });
    expect(await readAll(tmp.write('nodata.json', '{"products": []}'))).toMatchObject({ records: [] });
    await expect(openSource(tmp.write('obj.json', '{"id": 1, "name": "x"}'))).rejects.toThrow(
      /no records found/,
    );
  });

  it('streams a JSON file larger than the look-ahead sample', async () => {
    const n = 30_000;
    const file = tmp.write(
      'many.json',
      `[${Array.from({ length: n }, (_, i) => JSON.stringify({ id: i, name: `p${i}`, [`k${i % 7}`]: i })).join(',\n')}]`,
    );
    const source = await openSource(file);
    let count = 0;
    let last = 0;
    for await (const r of source.records()) {
      count++;
      last = r.row;
    }
    expect([count, last]).toEqual([n, n]);
    expect(source.columns).toEqual(['id', 'name', 'k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
  });
});

describe('JSONL reading', () => {
  it('reads the Icecat sample: 300 products, all valid once mapped', async () => {
    const { records, format, columns } = await readAll(`${FIXTURES}icecat-300.jsonl.gz`);
    expect(format).toBe('jsonl');
    expect(records).toHaveLength(300);
    const mapping = detectMapping(columns);
    expect(mapping).toMatchObject({
      id: 'id',
      name: 'title',
      brand: 'supplier',
      price: 'price',
      description: 'short_description',
    });
    const out = records.map((r) => toProduct(r, mapping, 'icecat-300.jsonl.gz'));
    expect(out.filter((o) => 'rejected' in o)).toEqual([]);
    const first = out[0] as Extract<(typeof out)[number], { product: unknown }>;
    expect(first.product).toMatchObject({ id: '3920564', brand: 'Xerox', price: 4995 });
    expect(first.product.attributes).toMatchObject({
      name: '006R90321',
      ean: '0095205603217',
      attr_n_black_toner_page_yield: 23000,
    });
  });

  it('rejects a bad line, not the file; rows are line numbers; blank lines are skipped', async () => {
    const text = '{"id":1}\n\n{"id":2,}\n[1,2]\r\n"str"\n{"id":3,"d":{"w":1}}';
    const { records } = await readAll(tmp.write('x.ndjson', text));
    expect(records.map((r) => [r.row, r.problem?.replace(/\(.*\)/, '(…)') ?? r.values])).toEqual([
      [1, { id: 1 }],
      [3, 'the line is not valid JSON (…)'],
      [4, 'the line is not a JSON object'],
      [5, 'the line is not a JSON object'],
      [6, { id: 3, 'd.w': 1 }],
    ]);
  });

  it('rejects an over-long line and a too-deep line, keeping the rest', async () => {
    const deep = `{"a":${'['.repeat(200)}${']'.repeat(200)}}`;
    const text = `{"id":1}\n{"id":2,"x":"${'y'.repeat(5000)}"}\n${deep}\n{"id":4}\n`;
    const { records } = await readAll(tmp.write('long.jsonl', text), { limits: { maxRecordChars: 2000 } });
    expect(records.map((r) => [r.row, r.problem ?? null])).toEqual([
      [1, null],
      [2, 'the line is longer than the 2,000-character limit'],
      [3, 'the record is nested deeper than 64 levels'],
      [4, null],
    ]);
  });

  it('says an empty JSONL file is empty', async () => {
    await expect(openSource(tmp.write('e.jsonl', '\n\n'))).rejects.toThrow('e.jsonl: file is empty');
  });
});
