// A tiny BERT-architecture text encoder, written as ONNX in the test, with a WordPiece tokenizer.json,
// laid out as a sentence-transformers / Optimum ONNX export: what a user downloads from a model hub,
// small enough to build in milliseconds. Its weights are seeded random numbers, so only what its
// architecture implies can be relied on: texts sharing words end up close, unrelated texts apart.
import fs from 'node:fs';
import path from 'node:path';
import { OnnxBuilder } from '../../models/convert/onnx-builder.ts';
import { encodeModel } from '../../models/convert/write-onnx.ts';
import { random } from '../reliability/lib/catalog-gen.ts';

export interface TinyModelOptions {
  hidden?: number;
  /** Words that get a vocabulary entry of their own; every other word is spelled in letters. */
  words?: readonly string[];
  maxPositions?: number;
  pooling?: 'mean' | 'cls';
  seed?: number;
  /** Put the graph at onnx/model.onnx (Optimum's layout) rather than model.onnx. */
  optimumLayout?: boolean;
  /**
   * Scale of the attention's value and output weights: BERT's initialisation (0.02) leaves each token
   * almost itself, so a CLS-pooled model needs more for its first token to carry the text.
   */
  attentionScale?: number;
}

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const PUNCTUATION = [...'.,;:!?\'"()-/&%$+'];

function gaussian(next: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
}

export function tinyVocab(words: readonly string[] = []): string[] {
  const whole = [...new Set(words.map((w) => w.toLowerCase()).filter((w) => /^[a-z0-9]+$/.test(w)))].sort();
  return [
    ...SPECIAL,
    ...LETTERS,
    ...LETTERS.map((c) => `##${c}`),
    ...PUNCTUATION,
    ...whole.filter((w) => w.length > 1),
  ];
}

/**
 * A WordPiece tokenizer.json as `transformers` writes it for BERT: the bracketed entries of `vocab` are
 * its special tokens; `maxLength` null leaves truncation to whoever reads it.
 */
export function wordPieceTokenizerJson(vocab: readonly string[], maxLength: number | null): object {
  const id = (token: string) => vocab.indexOf(token);
  return {
    version: '1.0',
    truncation:
      maxLength === null
        ? null
        : { direction: 'Right', max_length: maxLength, strategy: 'LongestFirst', stride: 0 },
    padding: null,
    added_tokens: vocab
      .map((content, i) => ({ content, id: i }))
      .filter(({ content }) => /^\[[A-Z]+\]$/.test(content))
      .map(({ content, id: i }) => ({
        id: i,
        content,
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((piece, i) => [piece, i])),
    },
  };
}

/**
 * One BERT encoder layer: word + position + token-type embeddings, LayerNorm, single-head self-attention
 * masked by attention_mask, residual + LayerNorm, a GELU feed-forward block, residual + LayerNorm;
 * output `last_hidden_state` [batch, length, hidden], as Optimum's feature-extraction export has.
 */
export function tinyBertOnnx(
  vocabSize: number,
  opts: { hidden: number; maxPositions: number; seed: number; attentionScale: number },
): Uint8Array {
  const { hidden: h, maxPositions, seed, attentionScale } = opts;
  const normal = gaussian(random(seed));
  const matrix = (rows: number, cols: number, scale: number) =>
    Array.from({ length: rows * cols }, () => normal() * scale);
  const b = new OnnxBuilder();
  const io = (name: string) => ({ name, type: 'int64' as const, dims: ['batch', 'sequence'] });
  b.inputs.push(io('input_ids'), io('attention_mask'), io('token_type_ids'));

  const layerNorm = (x: string) => {
    const mean = b.op('ReduceMean', [x], { axes: [-1], keepdims: 1 });
    const centred = b.op('Sub', [x, mean]);
    const variance = b.op('ReduceMean', [b.op('Mul', [centred, centred])], { axes: [-1], keepdims: 1 });
    const scaled = b.op('Div', [centred, b.op('Sqrt', [b.op('Add', [variance, b.float([1e-12], [])])])]);
    return b.op('Add', [
      b.op('Mul', [scaled, b.float(Array(h).fill(1), [h])]),
      b.float(Array(h).fill(0), [h]),
    ]);
  };
  const dense = (x: string, rows: number, cols: number, scale: number) =>
    b.op('Add', [
      b.op('MatMul', [x, b.float(matrix(rows, cols, scale), [rows, cols])]),
      b.float(Array(cols).fill(0), [cols]),
    ]);

  const words = b.op('Gather', [b.float(matrix(vocabSize, h, 1), [vocabSize, h]), 'input_ids']);
  const types = b.op('Gather', [b.float(matrix(2, h, 0.02), [2, h]), 'token_type_ids']);
  const length = b.op('Gather', [b.op('Shape', ['input_ids']), b.int64([1], [])], { axis: 0 });
  const positions = b.op('Range', [b.int64([0], []), length, b.int64([1], [])]);
  const position = b.op('Gather', [b.float(matrix(maxPositions, h, 0.02), [maxPositions, h]), positions]);
  const embedded = layerNorm(b.op('Add', [b.op('Add', [words, types]), position]));

  const q = dense(embedded, h, h, 0.02);
  const k = dense(embedded, h, h, 0.02);
  const v = dense(embedded, h, h, attentionScale);
  const scores = b.op('Div', [
    b.op('MatMul', [q, b.op('Transpose', [k], { perm: [0, 2, 1] })]),
    b.float([Math.sqrt(h)], []),
  ]);
  // Padding positions get -10,000 before the softmax, as BERT's extended attention mask does.
  const mask = b.op('Unsqueeze', [b.op('Cast', ['attention_mask'], { to: 1 }), b.int64([1])]);
  const bias = b.op('Mul', [b.op('Sub', [b.float([1], []), mask]), b.float([-10000], [])]);
  const probs = b.op('Softmax', [b.op('Add', [scores, bias])], { axis: -1 });
  const attended = layerNorm(
    b.op('Add', [embedded, dense(b.op('MatMul', [probs, v]), h, h, attentionScale)]),
  );

  const up = dense(attended, h, 4 * h, 0.02);
  const gelu = b.op('Mul', [
    b.op('Mul', [up, b.float([0.5], [])]),
    b.op('Add', [b.float([1], []), b.op('Erf', [b.op('Div', [up, b.float([Math.SQRT2], [])])])]),
  ]);
  const out = layerNorm(b.op('Add', [attended, dense(gelu, 4 * h, h, 0.02)]));
  b.op('Identity', [out], {}, 'last_hidden_state');
  b.outputs.push({ name: 'last_hidden_state', type: 'float32', dims: ['batch', 'sequence', h] });
  return encodeModel(b, 'tiny-bert', 'shelfscope-test');
}

/** Writes the export into `dir`; returns the paths it wrote, relative to `dir`. */
export function writeTinyStExport(dir: string, opts: TinyModelOptions = {}): string[] {
  const hidden = opts.hidden ?? 32;
  const maxPositions = opts.maxPositions ?? 128;
  const vocab = tinyVocab(opts.words);
  const onnxPath = opts.optimumLayout ? 'onnx/model.onnx' : 'model.onnx';
  const files: Record<string, string | Uint8Array> = {
    [onnxPath]: tinyBertOnnx(vocab.length, {
      hidden,
      maxPositions,
      seed: opts.seed ?? 7,
      attentionScale: opts.attentionScale ?? 0.02,
    }),
    'tokenizer.json': JSON.stringify(wordPieceTokenizerJson(vocab, maxPositions)),
    'tokenizer_config.json': JSON.stringify({
      do_lower_case: true,
      model_max_length: maxPositions,
      tokenizer_class: 'BertTokenizer',
    }),
    'config.json': JSON.stringify({
      architectures: ['BertModel'],
      model_type: 'bert',
      hidden_size: hidden,
      num_hidden_layers: 1,
      num_attention_heads: 1,
      intermediate_size: 4 * hidden,
      max_position_embeddings: maxPositions,
      vocab_size: vocab.length,
      type_vocab_size: 2,
    }),
    'modules.json': JSON.stringify([
      { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
      { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' },
      { idx: 2, name: '2', path: '2_Normalize', type: 'sentence_transformers.models.Normalize' },
    ]),
    '1_Pooling/config.json': JSON.stringify({
      word_embedding_dimension: hidden,
      pooling_mode_cls_token: opts.pooling === 'cls',
      pooling_mode_mean_tokens: opts.pooling !== 'cls',
      pooling_mode_max_tokens: false,
      pooling_mode_mean_sqrt_len_tokens: false,
    }),
    'sentence_bert_config.json': JSON.stringify({ max_seq_length: 64, do_lower_case: false }),
    'README.md': '# tiny-bert\nA test model.\n',
  };
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return Object.keys(files);
}
