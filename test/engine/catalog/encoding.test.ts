import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding } from '../../../electron/engine/catalog/encoding.ts';
import { CatalogFileError } from '../../../electron/engine/catalog/source.ts';
import { readAll, tempFiles } from './helpers.ts';

const tmp = tempFiles();
const CSV = 'id,name,price\n1,Café crème,€12\n2,Naïve tee,5\n';

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

async function decodeChunks(chunks: Buffer[]): Promise<string> {
  const guess = detectEncoding('x', Buffer.concat(chunks));
  let out = '';
  for await (const t of decodeText(
    (async function* () {
      yield* chunks;
    })(),
    guess,
  ))
    out += t;
  return out;
}

describe('encodings', () => {
  it.each([
    ['utf-8 without BOM', Buffer.from(CSV), 'utf-8'],
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)]), 'utf-8'],
    [
      'utf-16le with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')]),
      'utf-16le',
    ],
    ['utf-16be with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(CSV)]), 'utf-16be'],
    ['utf-16le without BOM', Buffer.from(CSV, 'utf16le'), 'utf-16le'],
    ['windows-1252', Buffer.from(CSV.replace('€', '\x80'), 'latin1'), 'windows-1252'],
  ])('reads %s', async (name, bytes, encoding) => {
    const { columns, records, encoding: detected } = await readAll(tmp.write(`${name}.csv`, bytes));
    expect(detected).toBe(encoding);
    expect(columns).toEqual(['id', 'name', 'price']);
    expect(records.map((r) => r.values)).toEqual([
      { id: '1', name: 'Café crème', price: '€12' },
      { id: '2', name: 'Naïve tee', price: '5' },
    ]);
  });

  it('decodes a UTF-8 character split across chunks', async () => {
    const bytes = Buffer.from('ab€cd😀e');
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await decodeChunks([bytes.subarray(0, cut), bytes.subarray(cut)])).toBe('ab€cd😀e');
    }
  });

  it('decodes a UTF-16 character split across chunks', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a😀é', 'utf16le')]);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await decodeChunks([bytes.subarray(0, cut), bytes.subarray(cut)])).toBe('a😀é');
    }
  });

  it('keeps a multi-byte character intact across the 64 KiB read boundary of a real file', async () => {
    const prefix = 'id,name\n1,' + 'a'.repeat(64 * 1024 - 11);
    const file = tmp.write('boundary.csv', `${prefix}é€😀\n2,b\n`);
    const { records, encoding } = await readAll(file);
    expect(encoding).toBe('utf-8');
    expect(records[0].values.name).toBe(`${'a'.repeat(64 * 1024 - 11)}é€😀`);
  });

  it('switches to windows-1252 when invalid UTF-8 appears after the sniffed head', async () => {
    const head = Buffer.from(`id,name\n1,${'x'.repeat(70_000)}\n2,Café\n`);
    const tail = Buffer.from('3,Cr\xe8me\n', 'latin1');
    const { records, encoding } = await readAll(tmp.write('mixed.csv', Buffer.concat([head, tail])));
    expect(encoding).toBe('utf-8');
    expect(records.map((r) => r.values.name).slice(1)).toEqual(['Café', 'Crème']);
  });

  it.each([
    ['random bytes', randomBytes(4096), /not a text file/],
    ['NUL bytes in text', Buffer.from('id,name\n1,a\0b\n'), /not a text file \(it contains NUL bytes\)/],
    [
      'a zip archive',
      Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 0x41)]),
      /it is a ZIP archive/,
    ],
    [
      'high bytes that are not text',
      Buffer.from(Array.from({ length: 2000 }, (_, i) => 0x80 + (i % 0x7f))),
      /neither UTF-8 nor single-byte text/,
    ],
  ])('refuses %s named .csv', async (name, bytes, message) => {
    const err = await readAll(tmp.write(`${name}.csv`, bytes)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogFileError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toContain(`${name}.csv`);
  });
});
