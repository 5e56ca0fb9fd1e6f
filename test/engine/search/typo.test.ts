import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TypoCorrector } from '../../../electron/engine/search/typo.ts';

// Document counts of the digit-free words in ≥ 2 products of the Icecat catalog
// (../shared/datasets/icecat-chorus-electronics, Icecat Open Content License), tokenized by terms().
const icecat: [string, number][] = gunzipSync(
  readFileSync(new URL('../../fixtures/search/icecat-vocabulary.tsv.gz', import.meta.url)),
)
  .toString('utf8')
  .trim()
  .split('\n')
  .map((line) => {
    const [term, count] = line.split('\t');
    return [term, Number(count)];
  });

describe('TypoCorrector on the Icecat vocabulary', () => {
  const corrector = new TypoCorrector([...icecat, ['rtx', 40], ['2060', 12], ['32gb', 30]]);

  it.each([
    ['hedphones', 'headphones'],
    ['labtop', 'laptop'],
    ['keybaord', 'keyboard'],
    ['samsnug', 'samsung'],
    ['wireles', 'wireless'],
    ['notebok', 'notebook'],
    ['moniter', 'monitor'],
    ['cartrige', 'cartridge'],
    ['procesor', 'processor'],
    ['HEDPHONES', 'headphones'],
  ])('%s → %s', (typo, fixed) => expect(corrector.correct(typo)).toBe(fixed));

  it.each(['headphones', 'laptop', 'keyboard', 'samsung', 'wireless', 'Samsung'])(
    'leaves the known word %s alone',
    (word) => expect(corrector.correct(word)).toBeNull(),
  );

  it.each(['2060', '2061', '32gbb', 'rtx2060', 'usb3'])('never corrects %s, which has digits', (term) =>
    expect(corrector.correct(term)).toBeNull(),
  );

  it('never corrects words shorter than 4 characters', () => {
    expect(corrector.correct('rtz')).toBeNull();
    expect(corrector.correct('hdm')).toBeNull();
  });

  it('returns null when nothing is close enough', () => {
    expect(corrector.correct('zyxwvut')).toBeNull();
    expect(corrector.correct('qqqqqqqqqqqq')).toBeNull();
  });

  it('completes a word being typed with the most common known words first', () => {
    expect(corrector.complete('headp', 3)).toEqual(['headphones', 'headphone']);
    const completions = corrector.complete('key', 5);
    expect(completions[0]).toBe('keyboard');
    expect(completions).toHaveLength(5);
    expect(completions.every((word) => word.startsWith('key'))).toBe(true);
    expect(corrector.complete('Sams', 1)).toEqual(['samsung']);
    expect(corrector.complete('zzzzq', 5)).toEqual([]);
    expect(corrector.complete('', 5)).toEqual([]);
  });
});

describe('TypoCorrector rules', () => {
  it('allows one edit for 4–7 characters and two from 8', () => {
    const corrector = new TypoCorrector([
      ['cable', 10],
      ['headphones', 10],
    ]);
    expect(corrector.correct('cabel')).toBe('cable');
    expect(corrector.correct('kable')).toBe('cable');
    expect(corrector.correct('kabl')).toBeNull();
    expect(corrector.correct('hadphons')).toBe('headphones');
    expect(corrector.correct('hadphns')).toBeNull();
  });

  it('prefers the smaller distance over the higher document count', () => {
    const corrector = new TypoCorrector([
      ['monitors', 1000],
      ['monitor', 1],
    ]);
    expect(corrector.correct('monnitor')).toBe('monitor');
  });

  it('breaks distance ties by document count', () => {
    const corrector = new TypoCorrector([
      ['case', 5],
      ['cable', 50],
      ['cast', 10],
    ]);
    expect(corrector.correct('casx')).toBe('cast');
  });

  it('finds edits beyond the indexed prefix and transpositions across it', () => {
    const corrector = new TypoCorrector([['waterproofing', 3]]);
    expect(corrector.correct('waterproofnig')).toBe('waterproofing');
    expect(corrector.correct('watreproofing')).toBe('waterproofing');
    expect(corrector.correct('waterprfoofing')).toBe('waterproofing');
    expect(corrector.correct('waterpfoxing')).toBeNull();
  });

  it('keeps the highest count of a term listed twice', () => {
    const corrector = new TypoCorrector([
      ['lamp', 2],
      ['damp', 5],
      ['lamp', 9],
    ]);
    expect(corrector.correct('xamp')).toBe('lamp');
  });
});

describe('TypoCorrector at 200,000 words', () => {
  // Pseudo-words from a character bigram model of the Icecat words: realistic lengths and letter
  // combinations, so deletion lists collide as they would in a real vocabulary.
  function syntheticVocabulary(size: number): [string, number][] {
    const next = new Map<string, string[]>();
    for (const [word] of icecat) {
      const padded = `^^${word}$`;
      for (let i = 2; i < padded.length; i++) {
        const key = padded.slice(i - 2, i);
        const options = next.get(key) ?? [];
        options.push(padded[i]);
        next.set(key, options);
      }
    }
    let seed = 1;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const vocabulary = new Map<string, number>(icecat);
    while (vocabulary.size < size) {
      let word = '^^';
      while (word.length < 24) {
        const options = next.get(word.slice(-2)) ?? ['$'];
        const char = options[Math.floor(random() * options.length)];
        if (char === '$') break;
        word += char;
      }
      if (word.length >= 5) vocabulary.set(word.slice(2), 1 + Math.floor(random() * 40));
    }
    return [...vocabulary];
  }

  // Speed is measured in the benchmark suite, never asserted here: these machines are too noisy.
  it('still finds the right correction among 200,000 words', () => {
    const corrector = new TypoCorrector(syntheticVocabulary(200_000));
    expect(corrector.size).toMatchObject({ terms: 200_000 });
    expect(corrector.correct('hedphones')).toBe('headphones');
    expect(corrector.correct('keybaord')).toBe('keyboard');
  });
});

describe('TypoCorrector.near', () => {
  it('lists every indexed word within the distance, as a scan with the same distance would', () => {
    const words: [string, number][] = [
      ['headphones', 9],
      ['headphone', 4],
      ['headset', 7],
      ['wireless', 8],
      ['wirelss', 1],
      ['cable', 3],
      ['spectacles', 2],
    ];
    const corrector = new TypoCorrector(words);
    const near = (term: string, d: number) =>
      corrector
        .near(term, d)
        .map((n) => `${n.term}:${n.distance}:${n.docCount}`)
        .sort();
    expect(near('hedphones', 2)).toEqual(['headphone:2:4', 'headphones:1:9']);
    expect(near('wireles', 1)).toEqual(['wireless:1:8', 'wirelss:1:1']);
    expect(near('spectcles', 2)).toEqual(['spectacles:1:2']);
    // The word itself is no suggestion; nothing near gives nothing.
    expect(near('cable', 2)).toEqual([]);
    expect(near('zzzzzz', 2)).toEqual([]);
  });
});
