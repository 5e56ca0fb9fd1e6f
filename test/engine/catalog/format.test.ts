import { describe, expect, it } from 'vitest';
import { formatFromExtension } from '../../../electron/engine/catalog/format.ts';
import { readAll, tempFiles } from './helpers.ts';

const tmp = tempFiles();

describe('format detection', () => {
  it.each([
    ['a.csv', 'csv'],
    ['a.TXT', 'csv'],
    ['dir.v2/a.tsv', 'tsv'],
    ['a.tab.gz', 'tsv'],
    ['a.json', 'json'],
    ['a.JSONL', 'jsonl'],
    ['a.ndjson.gz', 'jsonl'],
    ['a.xlsx', 'xlsx'],
    ['a.xlsx.gz', 'xlsx'],
    ['feed.xml', 'xml'],
    ['feed.RSS', 'xml'],
    ['feed.atom.gz', 'xml'],
    ['a.dat', null],
    ['a.gz', null],
    ['noext', null],
  ])('%s → %s', (file, format) => {
    expect(formatFromExtension(file)).toBe(format);
  });

  it('sniffs the content when the extension says nothing', async () => {
    expect((await readAll(tmp.write('a.dat', '[{"id":1}]'))).format).toBe('json');
    expect((await readAll(tmp.write('b.dat', '{"id":1}\n{"id":2}\n'))).format).toBe('jsonl');
    expect((await readAll(tmp.write('c.dat', '{\n "items": [{"id":1}]\n}'))).format).toBe('json');
    expect((await readAll(tmp.write('d', 'id;name\n1;a\n'))).format).toBe('csv');
    const rss = '<rss version="2.0"><channel><item><title>a</title></item></channel></rss>';
    expect((await readAll(tmp.write('e.dat', `\uFEFF<?xml version="1.0"?>\n${rss}`))).format).toBe('xml');
    expect((await readAll(tmp.write('f', `\n  ${rss}`))).format).toBe('xml');
    const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id></entry></feed>';
    expect((await readAll(tmp.write('g.dat', atom))).format).toBe('xml');
  });

  it('lets an explicit format win over the extension', async () => {
    const { format, records } = await readAll(tmp.write('e.txt', 'id\tname\n1\ta,b\n'), { format: 'tsv' });
    expect(format).toBe('tsv');
    expect(records[0].values).toEqual({ id: '1', name: 'a,b' });
  });
});
