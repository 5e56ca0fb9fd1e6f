import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  foldText,
  idCandidates,
  looksLikeId,
  normalizeIdKey,
  terms,
} from '../../../electron/engine/search/text.ts';

describe('terms agree with FTS5 unicode61 remove_diacritics 2', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE doc USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
           CREATE VIRTUAL TABLE vocab USING fts5vocab(doc, 'instance');`);
  const insert = db.prepare('INSERT INTO doc(rowid, body) VALUES (1, ?)');
  const read = db.prepare('SELECT term FROM vocab ORDER BY offset').pluck();
  const fts5Terms = (text: string): string[] => {
    db.exec('DELETE FROM doc');
    insert.run(text);
    return read.all() as string[];
  };
  afterAll(() => db.close());

  it.each([
    'HP Pavilion dv7-1211ea Notebook Silver 43.2 cm (17") Intel® Core™2 Duo 4 GB DDR2-SDRAM',
    'Xerox 006R90321 toner cartridge Original Black 6 pc(s)',
    'Café Crème naïve ŒUVRE straße Ærø ŁÓDŹ',
    'Greek keeps its accents: Ωμέγα ά, Cyrillic too: й',
    'e\u0301cole x\u0308y İstanbul ǅ ẞ µ',
    'don’t e-mail 3.5mm 1,299.00 a_b tab\tsep',
    'हिन्दी ½ ² ① Ⅻ 日本語',
  ])('%s', (text) => {
    expect(terms(text)).toEqual(fts5Terms(text));
  });

  it('on 2,000 random strings of tricky characters', () => {
    const pool = [
      ...'aZ9 -_./,;:()"\'’éÉèñÑçÇüÜßẞøØłŁæÆœŒåÅıİǅǖȯḁệ½²①ⅫµªᵃάΩйЖ日本がहि\u0301\u0308\u00a0\t\n€$£₹®™°×',
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const mismatches: string[] = [];
    for (let i = 0; i < 2000; i++) {
      let text = '';
      for (let n = 1 + Math.floor(random() * 20); n > 0; n--)
        text += pool[Math.floor(random() * pool.length)];
      if (terms(text).join('|') !== fts5Terms(text).join('|')) mismatches.push(text);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('foldText', () => {
  it('lower-cases and strips Latin diacritics but keeps letters that have no base form', () => {
    expect(foldText('Crème Brûlée – ØRSTED Łódź')).toBe('creme brulee – ørsted łodz');
  });
  it('leaves ASCII untouched apart from case', () => {
    expect(foldText('USB-C 3.1 (Gen 2)')).toBe('usb-c 3.1 (gen 2)');
  });
});

describe('normalizeIdKey', () => {
  it.each([
    ['rsg 8901', 'RSG8901'],
    ['RSG-8901', 'RSG8901'],
    ['rsg_89.01/a', 'RSG8901A'],
    ['  cbt 89 01 ', 'CBT8901'],
    ['RSG–8901', 'RSG8901'],
    ['Ré-42', 'RE42'],
  ])('%s → %s', (input, key) => {
    expect(normalizeIdKey(input)).toBe(key);
  });
});

describe('looksLikeId', () => {
  it.each(['RSG8901', 'rsg-8901', 'CBT 89 01', 'ps5', '3920564', '006R90321', 'dv7-1211ea'])(
    '%s is an id',
    (token) => expect(looksLikeId(token)).toBe(true),
  );
  it.each(['50', '4k', 'headphones', 'x2', '', '$50', 'rsg 8901?', '123'])('%s is not an id', (token) =>
    expect(looksLikeId(token)).toBe(false),
  );
});

describe('idCandidates', () => {
  it.each([
    ['RSG-8901', ['RSG8901']],
    ['rsg 8901', ['RSG8901', '8901']],
    ['CBT 89 01', ['CBT8901', 'CBT89', '8901']],
  ])('%s → %j', (query, keys) => {
    expect(idCandidates(query)).toEqual(keys);
  });

  it('reads the whole query as one code when every token can be part of one', () => {
    expect(idCandidates('AB 12 CD 34 EF')[0]).toBe('AB12CD34EF');
  });

  it('finds the code inside a sentence, longer runs before the runs inside them', () => {
    const keys = idCandidates('is RSG 8901 in stock');
    expect(keys).toContain('RSG8901');
    expect(keys.indexOf('RSG8901')).toBeLessThan(keys.indexOf('8901'));
  });

  it('looks a one-token query up as typed, for ids with other punctuation', () => {
    expect(idCandidates(' AB#12-3 ')).toEqual(['AB#123', 'AB123']);
    expect(idCandidates('SKU:4711')).toContain('SKU:4711');
  });

  it('ignores punctuation around a code', () => {
    expect(idCandidates('where is (RSG-8901)?')).toContain('RSG8901');
  });

  it('finds nothing in a query without digits, or with only short numbers', () => {
    expect(idCandidates('wireless headphones')).toEqual([]);
    expect(idCandidates('under 50')).toEqual([]);
    expect(idCandidates('iphone 15 under 800')).toEqual([]);
  });
});
