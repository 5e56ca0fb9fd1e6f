import { EmbeddingsModel } from '@energetic-ai/embeddings';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createUseTokenizer,
  type UseTokenizer,
  type UseVocab,
} from '../../../electron/engine/embed/use-tokenizer.ts';
import { productTexts, useLiteVocab } from './use-lite-model.ts';

const EDGE_CASES = [
  '',
  ' ',
  '  double  spaces and trailing ',
  'IEEE 802.11ac AAA 999 +++',
  ':30 minutes',
  ': leading colon',
  'smile :) and frown :( http://example.com',
  'size ”5 inch',
  'ﬁne ligatures and ① circled digits', // NFKC folds both
  'emoji 😀 and math 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 letters', // astral characters: pieces step back by UTF-16 length
  '中文字符 unknown runs merge',
  'tab\tand\nnewline',
  'x'.repeat(2000),
];

describe('USE-lite SentencePiece tokenizer', () => {
  let vocab: UseVocab;
  let tokenizer: UseTokenizer;
  let reference: { encode(text: string): number[] };

  beforeAll(async () => {
    vocab = await useLiteVocab();
    tokenizer = createUseTokenizer(vocab);
    reference = new EmbeddingsModel({ vocabulary: vocab as [string, number][], model: null as never })
      .tokenizer;
  });

  it('gives the TF.js tokenizer ids on product texts and edge cases', async () => {
    const texts = [...(await productTexts()), ...EDGE_CASES];
    for (const text of texts) expect(tokenizer.encode(text), text).toEqual(reference.encode(text));
  });

  it('reproduces the vocab oddities', () => {
    const ids = (piece: string) => vocab.flatMap(([p], i) => (p === piece ? [i] : []));
    expect(ids('”5')).toEqual([230, 238, 4464]);
    expect(vocab[ids(':30')[0]][1]).toBe(30);
    expect(vocab[ids(':')[0]][1]).toBeNull();
    // The last duplicate wins; a null-scored piece scores 0, which the reference treats as "no path yet".
    expect(tokenizer.encode('”5')).toEqual([ids('▁')[0], 4464]);
    expect(tokenizer.encode(':30')).toEqual([ids('▁')[0], ids(':30')[0]]);
    expect(tokenizer.encode(':hello').slice(0, 2)).toEqual([ids('▁')[0], ids(':')[0]]);
    // Ties go to the later candidate: IEEE splits as ▁I EE E.
    expect(tokenizer.encode('IEEE').map((i) => vocab[i][0])).toEqual(['▁I', 'EE', 'E']);
  });

  it('merges consecutive unknown characters into one unknown id', () => {
    expect(tokenizer.encode('中文字符').filter((id) => id === 0)).toHaveLength(1);
  });
});
