// The bad-input corpus, generated at test time: malformed, mis-encoded, oversized and hostile catalog
// files. Each case says what a correct import does with it: refuse it (exit 1, a message naming the
// problem), import what is usable (every rejected row reported), or either of those.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { buildXlsx, rowsXml, STYLE } from '../../engine/catalog/xlsx-builder.ts';

export type Expectation =
  | { kind: 'refuse'; message: RegExp }
  | { kind: 'import'; accepted: number; rejected: number; rejectedField?: RegExp }
  /** Either outcome is acceptable; `rows` (when known) is the data rows an import must account for. */
  | { kind: 'either'; rows?: number };

export interface CorpusCase {
  file: string;
  expect: Expectation;
  /** Extra wall time this case may take (gzip bombs have gigabytes to refuse). */
  slow?: boolean;
}

const HEADER = 'product_id,name,category,price';
const GOOD = ['C1,Canvas tote,Bags,12.50', 'C2,Wool scarf,Accessories,30', 'C3,Rain boots,Shoes,79.99'];
const refuse = (message: RegExp): Expectation => ({ kind: 'refuse', message });
const imports = (accepted: number, rejected = 0, rejectedField?: RegExp): Expectation => ({
  kind: 'import',
  accepted,
  rejected,
  rejectedField,
});
const either = (rows?: number): Expectation => ({ kind: 'either', rows });

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
}

/** A gzip stream expanding to `members` × `unitMb` MiB of `pattern`, built from repeated members. */
function gzipBomb(prefix: string, pattern: string, unitMb: number, members: number): Buffer {
  const member = zlib.gzipSync(Buffer.alloc(unitMb * 1024 * 1024, pattern), { level: 9 });
  return Buffer.concat([zlib.gzipSync(prefix), ...Array.from({ length: members }, () => member)]);
}

function xlsx(rows: string, opts: { dimension?: string; shared?: string[] } = {}): Uint8Array {
  return buildXlsx([{ name: 'Products', rows, dimension: opts.dimension }], opts.shared ?? []);
}

/** A three-product workbook; `edit` may change the sheet's rows XML. */
function plainXlsx(opts: { dimension?: string; edit?: (rows: string) => string } = {}): Uint8Array {
  const shared: string[] = [];
  const rows = rowsXml(
    [
      ['product_id', 'name', 'category', 'price'],
      ['X1', 'Canvas tote', 'Bags', 12.5],
      ['X2', 'Wool scarf', 'Accessories', 30],
      ['X3', 'Rain boots', 'Shoes', 79.99],
    ],
    shared,
  );
  return xlsx(opts.edit ? opts.edit(rows) : rows, { shared, dimension: opts.dimension });
}

/** Deterministic pseudo-random bytes (binary payloads must not depend on the run). */
function noise(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

type Content = string | Uint8Array;

export function buildCorpus(dir: string): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const add = (name: string, content: Content, expect: Expectation, slow = false) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    cases.push({ file, expect, slow });
  };
  const csv = (...lines: string[]) => `${[HEADER, ...lines].join('\n')}\n`;
  const big = (mb: number) => 'x'.repeat(mb * 1024 * 1024);

  // Encodings: declared, undeclared, wrong and mixed.
  add('utf8-bom.csv', `\ufeff${csv(...GOOD)}`, imports(3));
  add(
    'utf16le-bom.csv',
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(...GOOD), 'utf16le')]),
    imports(3),
  );
  add('utf16be-bom.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(csv(...GOOD))]), imports(3));
  add('utf16le-no-bom.csv', Buffer.from(csv(...GOOD), 'utf16le'), either(3));
  add(
    'latin1.csv',
    Buffer.from(csv('L1,Café crème mug,Kitchen,9', 'L2,Jürgen über bag,Bags,5'), 'latin1'),
    imports(2),
  );
  add(
    'mixed-utf8-latin1.csv',
    Buffer.concat([
      Buffer.from(csv('M1,Café mug,Kitchen,9')),
      Buffer.from('M2,Crème tin,Kitchen,4\n', 'latin1'),
    ]),
    either(2),
  );
  add(
    'invalid-utf8.csv',
    Buffer.concat([
      Buffer.from(csv('U1,ok,Bags,1')),
      Buffer.from([0x55, 0x32, 0x2c, 0xc3, 0x28, 0xf8, 0x2c, 0x42, 0x2c, 0x31, 0x0a]),
    ]),
    either(2),
  );
  add(
    'utf8-surrogates.csv',
    Buffer.concat([
      Buffer.from(csv('S1,ok,Bags,1')),
      Buffer.from([0x53, 0x32, 0x2c, 0xed, 0xa0, 0x80, 0x2c, 0x42, 0x2c, 0x31, 0x0a]),
    ]),
    either(2),
  );
  add('cp1252-quotes.csv', Buffer.from(`${HEADER}\nQ1,\x93Smart\x94 quotes,Bags,3\n`, 'latin1'), either(1));

  // Structure.
  add('ragged-short.csv', csv('R1,Short row', 'R2,Fine row,Bags,2', 'R3'), either(3));
  add('ragged-long.csv', csv('R1,Long row,Bags,2,extra,more,fields', ...GOOD), either(4));
  add('unbalanced-quote-end.csv', csv(...GOOD, 'B1,"never closed,Bags,3'), refuse(/quote/i));
  add('unbalanced-quote-first.csv', csv('B1,"open', ...GOOD), refuse(/quote/i));
  add('stray-quote.csv', csv('B1,ab"c,Bags,3', ...GOOD), either(4));
  add('field-10mb.csv', csv(GOOD[0], `F1,"${big(10)}",Bags,3`, GOOD[1]), imports(2, 1));
  add('line-10mb-unquoted.csv', `${HEADER}\nF1,${big(10)}`, either(1));
  add('record-100k-newlines.csv', csv(`N1,"${'a\n'.repeat(100_000)}",Bags,1`, GOOD[0]), either(2));
  add('row-50k-fields.csv', csv(`W1,wide,Bags,1,${',x'.repeat(50_000)}`, GOOD[0]), either(2));
  add(
    'million-columns.csv',
    `${Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',')}\n1,2\n`,
    refuse(/column/i),
  );
  add(
    '20k-columns.csv',
    `product_id,name,${Array.from({ length: 20_000 }, (_, i) => `a${i}`).join(',')}\n1,x\n`,
    refuse(/column/i),
  );
  add('empty-header-names.csv', ',,,\n1,2,3,4\n', refuse(/header|column/i));
  add('duplicate-header-names.csv', 'product_id,name,name,price\nD1,a,b,1\n', either(1));
  add('no-id-column.csv', 'title,colour\nTote,red\n', refuse(/no column looks like the product id/));
  add('empty.csv', '', refuse(/empty/));
  add('only-newlines.csv', '\n\n\n\n', refuse(/empty|header/i));
  add('whitespace-only.csv', '   \n \t \n', refuse(/empty|header|no column/i));
  add('header-only.csv', `${HEADER}\n`, refuse(/no (product )?rows/i));
  add('header-only-crlf.csv', `${HEADER}\r\n`, refuse(/no (product )?rows/i));
  add('cr-line-endings.csv', [HEADER, ...GOOD].join('\r'), either(3));
  add('mixed-line-endings.csv', `${HEADER}\r\n${GOOD[0]}\n${GOOD[1]}\r\n${GOOD[2]}`, imports(3));
  add('semicolons.csv', [HEADER, ...GOOD].map((l) => l.replace(/,/g, ';')).join('\n'), either(3));
  add('tabs-named-csv.csv', [HEADER, ...GOOD].map((l) => l.replace(/,/g, '\t')).join('\n'), either(3));
  add('messy-quotes.tsv', `product_id\tname\tprice\nT1\t"half\t1\nT2\tok"\t2\n`, either(1));

  // Values.
  add('duplicate-ids.csv', csv(...GOOD, 'C1,Again,Bags,1', 'C2,And again,Bags,2'), imports(3, 2, /id/));
  add('prices-abc.csv', csv('P1,Tote,Bags,abc', 'P2,Scarf,Bags,12;5', ...GOOD), imports(3, 2, /price/));
  add(
    'prices-extreme.csv',
    csv('E1,a,Bags,NaN', 'E2,b,Bags,Infinity', 'E3,c,Bags,1e999', 'E4,d,Bags,-5', 'E5,e,Bags,0x1F', GOOD[0]),
    either(6),
  );
  add('missing-ids.csv', csv(',No id,Bags,1', '  ,Blank id,Bags,1', ...GOOD), imports(3, 2, /id/));
  add('missing-names.csv', csv('N1,,Bags,1', ...GOOD), imports(3, 1, /name/));
  add('all-rows-rejected.csv', csv('A1,,Bags,1', ',x,Bags,1'), either(2));
  add('id-10k-chars.csv', csv(`${'I'.repeat(10_000)},Long id,Bags,1`, GOOD[0]), either(2));
  add(
    'control-chars.csv',
    csv('K1,\x1b[2J\x1b[31mred\x1b[0m,Bags,1', 'K2,bell\x07,Bags,1', GOOD[0]),
    either(3),
  );
  add('nul-in-field.csv', csv('Z1,nul\0here,Bags,1', GOOD[0]), either(2));
  add(
    'formula-injection.csv',
    csv(`F1,"=HYPERLINK(""http://x"")",Bags,1`, "F2,=cmd|' /C calc'!A0,Bags,1", GOOD[0]),
    imports(3),
  );
  add('zero-width-ids.csv', csv('Z\u200bW,zero width,Bags,1', 'RTL\u202eX,bidi,Bags,1', GOOD[0]), imports(3));

  // Not text at all.
  add('binary-noise.csv', noise(64 * 1024, 7), refuse(/not a text file|binary|encoding/i));
  add(
    'png-named.csv',
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise(4096, 3)]),
    refuse(/not a text file|binary/i),
  );
  add(
    'executable-named.csv',
    fs.readFileSync(process.execPath).subarray(0, 64 * 1024),
    refuse(/not a text file|binary/i),
  );

  // JSON and JSONL.
  add('deep-array.json', '['.repeat(100_000), refuse(/deep|nest/i));
  add(
    'deep-in-product.json',
    `[{"id":"d1","name":"x","x":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}]`,
    either(1),
  );
  add('truncated.json', '[{"id":"t1","name":"Tote"},{"id":"t2","na', refuse(/json|end|truncat|unexpected/i));
  add('scalar.json', '42', refuse(/json|array|object|product/i));
  add('trailing-garbage.json', '[{"id":"g1","name":"Tote"}] garbage', either(1));
  add('object-of-objects.json', '{"a":{"id":"o1","name":"Tote"},"b":{"id":"o2","name":"Scarf"}}', either(2));
  add(
    'proto-pollution.json',
    '[{"id":"p1","name":"Tote","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}]',
    imports(1),
  );
  add('string-10mb.json', `[{"id":"s1","name":"Tote"},{"id":"s2","name":"${big(10)}"}]`, either(2));
  add('csv-named.json', csv(...GOOD), refuse(/json|unexpected|token/i));
  add('lone-surrogate.json', '[{"id":"u1","name":"\\uD800 broken"},{"id":"u2","name":"ok"}]', either(2));
  add('empty-array.json', '[]', refuse(/no (product )?rows|empty/i));
  add(
    'bad-lines.jsonl',
    '{"id":"j1","name":"a"}\n{"id":"j2",\n{"id":"j3","name":"c"}\nnot json\n{"id":"j4","name":"d"}\n',
    either(5),
  );
  add(
    'non-objects.jsonl',
    '{"id":"k1","name":"a"}\n[1,2]\n42\n"str"\nnull\n{"id":"k2","name":"b"}\n',
    either(6),
  );

  // Gzip.
  const gz = zlib.gzipSync(csv(...GOOD));
  add('truncated.csv.gz', gz.subarray(0, gz.length - 12), refuse(/gzip|truncated/i));
  add('corrupt.csv.gz', Buffer.concat([gz.subarray(0, 10), noise(200, 11)]), refuse(/gzip|corrupt/i));
  add('binary.csv.gz', zlib.gzipSync(noise(64 * 1024, 5)), refuse(/not a text file|binary/i));
  add('double-gzip.csv.gz', zlib.gzipSync(gz), refuse(/not a text file|binary/i));
  add('plain-named-gz.csv.gz', csv(...GOOD), either(3));
  add(
    'bomb-repeated-row.csv.gz',
    gzipBomb(`${HEADER}\n`, 'x,y,Bags,1\n', 64, 100),
    refuse(/rows rejected|bomb|expands/i),
  );
  add(
    'bomb-one-field.csv.gz',
    gzipBomb(`${HEADER}\nB1,"`, 'a', 64, 100),
    refuse(/bomb|expands|too long|field/i),
    true,
  );

  // XLSX.
  add('plain.xlsx', plainXlsx(), imports(3));
  add('huge-dimension.xlsx', plainXlsx({ dimension: 'A1:XFD1048576' }), refuse(/declared size/));
  add('tall-dimension.xlsx', plainXlsx({ dimension: 'A1:D1048576' }), imports(3));
  add(
    'formulas-and-dates.xlsx',
    xlsx(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>product_id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c><c r="C1" t="inlineStr"><is><t>price</t></is></c><c r="D1" t="inlineStr"><is><t>released</t></is></c></row>' +
        `<row r="2"><c r="A2" t="inlineStr"><is><t>F1</t></is></c><c r="B2" t="str"><f>"Tote"&amp;" bag"</f><v>Tote bag</v></c><c r="C2"><f>SUM(10,2.5)</f><v>12.5</v></c><c r="D2" s="${STYLE.date}"><v>45000</v></c></row>` +
        `<row r="3"><c r="A3" t="inlineStr"><is><t>F2</t></is></c><c r="B3" t="inlineStr"><is><t>Scarf</t></is></c><c r="C3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D3" s="${STYLE.dateTime}"><v>45000.75</v></c></row>` +
        `<row r="4"><c r="A4" t="inlineStr"><is><t>F3</t></is></c><c r="B4" t="inlineStr"><is><t>Boots</t></is></c><c r="C4"><f>C2*2</f></c><c r="D4" s="${STYLE.date}"><v>-1</v></c></row>`,
    ),
    either(3),
  );
  add(
    'far-cell.xlsx',
    plainXlsx({ edit: (rows) => rows.replace('</row>', '<c r="XFD1048576"><v>1</v></c></row>') }),
    either(3),
  );
  add('billion-laughs.xlsx', billionLaughs(), refuse(/xlsx|xml|entity|doctype|sheet/i));
  add('empty-sheet.xlsx', xlsx(''), refuse(/empty/i));
  add('malformed-xml.xlsx', xlsx('<row r="1"><c r="A1"><v>1</v></row>'), refuse(/xlsx|xml|sheet/i));
  add('text-named.xlsx', csv(...GOOD), refuse(/xlsx|zip/i));
  const good = plainXlsx();
  add('truncated.xlsx', good.subarray(0, Math.floor(good.length / 2)), refuse(/xlsx|zip/i));

  // Not a file.
  const folder = path.join(dir, 'folder.csv');
  fs.mkdirSync(folder);
  cases.push({ file: folder, expect: refuse(/not a regular file/) });
  return cases;
}

/** An XLSX whose sheet declares a DOCTYPE with exponentially nested entities. */
function billionLaughs(): Uint8Array {
  const entities = Array.from({ length: 10 }, (_, i) =>
    i === 0 ? '<!ENTITY l0 "lol">' : `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`,
  ).join('');
  const pkg = buildXlsx([{ name: 'P', rows: '@@ROWS@@' }], []);
  return swapSheet(pkg, (xml) =>
    xml
      .replace('<worksheet', `<!DOCTYPE worksheet [${entities}]><worksheet`)
      .replace(
        '@@ROWS@@',
        '<row r="1"><c r="A1" t="inlineStr"><is><t>product_id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>L1</t></is></c><c r="B2" t="inlineStr"><is><t>&l9;</t></is></c></row>',
      ),
  );
}

function swapSheet(pkg: Uint8Array, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(pkg);
  const name = 'xl/worksheets/sheet1.xml';
  files[name] = strToU8(edit(strFromU8(files[name])));
  return zipSync(files);
}
