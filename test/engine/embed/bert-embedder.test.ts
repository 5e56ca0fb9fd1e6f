import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder } from '../../../electron/engine/embed/load-embedder.ts';
import type { ModelManifest } from '../../../electron/engine/embed/manifest.ts';
import { OnnxBuilder } from '../../../models/convert/onnx-builder.ts';
import { encodeModel } from '../../../models/convert/write-onnx.ts';
import { wordPieceTokenizerJson } from '../../helpers/tiny-st-model.ts';

const VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'usb', 'cable', '##s', 'print', '##er'];
const DIMS = 4;
// Token id t embeds as [t, 1, 0, -t/2]; token type 0 adds [0, 0, 1, 0], so every vector is easy to work out.
const tokenRow = (t: number) => [t, 1, 0, -t / 2];
const TYPE_ROWS = [
  [0, 0, 1, 0],
  [9, 9, 9, 9],
];

/** A stand-in for a BERT export: token + token-type embedding lookups, masked, per token. */
function tinyBertOnnx(): Uint8Array {
  const b = new OnnxBuilder();
  const io = (name: string) => ({ name, type: 'int64' as const, dims: ['batch', 'length'] });
  b.inputs.push(io('input_ids'), io('attention_mask'), io('token_type_ids'));
  const tokens = b.float(
    VOCAB.flatMap((_, t) => tokenRow(t)),
    [VOCAB.length, DIMS],
  );
  const types = b.float(TYPE_ROWS.flat(), [2, DIMS]);
  const summed = b.op('Add', [
    b.op('Gather', [tokens, 'input_ids']),
    b.op('Gather', [types, 'token_type_ids']),
  ]);
  const mask = b.op('Unsqueeze', [b.op('Cast', ['attention_mask'], { to: 1 }), b.int64([-1])]);
  b.op('Mul', [summed, mask], {}, 'last_hidden_state');
  b.outputs.push({ name: 'last_hidden_state', type: 'float32', dims: ['batch', 'length', DIMS] });
  return encodeModel(b, 'tiny-bert', 'shelfscope-test');
}

const TOKENIZER_JSON = wordPieceTokenizerJson(VOCAB, null);

function expected(ids: number[], pooling: 'mean' | 'cls'): number[] {
  const rows = (pooling === 'cls' ? ids.slice(0, 1) : ids).map((t) =>
    tokenRow(t).map((x, d) => x + TYPE_ROWS[0][d]),
  );
  const mean = rows[0].map((_, d) => rows.reduce((s, r) => s + r[d], 0) / rows.length);
  const norm = Math.hypot(...mean);
  return mean.map((x) => x / norm);
}

describe('tokenizer.json models through loadEmbedder', () => {
  let root: string;
  const modelDir = async (pooling: 'mean' | 'cls', maxTokens: number) => {
    const dir = join(root, `${pooling}-${maxTokens}`);
    await mkdir(dir);
    const manifest: ModelManifest = {
      name: `tiny-${pooling}`,
      version: '1',
      onnx: 'model.onnx',
      dimensions: DIMS,
      maxTokens,
      pooling,
      normalize: true,
      tokenizer: { kind: 'hf-tokenizer-json', file: 'tokenizer.json' },
      inputs: 'bert',
    };
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
    await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(TOKENIZER_JSON));
    await writeFile(join(dir, 'model.onnx'), tinyBertOnnx());
    return dir;
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'shelfscope-bert-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const close = (actual: Float32Array, wanted: number[]) =>
    wanted.forEach((x, d) => expect(actual[d]).toBeCloseTo(x, 6));

  it('mean-pools the valid tokens of each text and L2-normalises', async () => {
    const embedder = await loadEmbedder(await modelDir('mean', 16));
    try {
      expect(embedder).toMatchObject({ name: 'tiny-mean', dimensions: DIMS, maxTokens: 16 });
      // Shorter texts share a batch with longer ones, so padding must not leak into the mean.
      const [long, short, unknown] = await embedder.embed(['USB cables printer', 'usb', 'zebra']);
      close(long, expected([2, 4, 5, 6, 7, 8, 3], 'mean'));
      close(short, expected([2, 4, 3], 'mean'));
      close(unknown, expected([2, 1, 3], 'mean'));
    } finally {
      await embedder.close();
    }
  });

  it('takes the first token with cls pooling', async () => {
    const embedder = await loadEmbedder(await modelDir('cls', 16));
    try {
      const [vector] = await embedder.embed(['printer cables']);
      close(vector, expected([2], 'cls'));
    } finally {
      await embedder.close();
    }
  });

  it('truncates to maxTokens and keeps the closing special token', async () => {
    const embedder = await loadEmbedder(await modelDir('mean', 5));
    try {
      const [vector] = await embedder.embed(['USB cables printer']);
      close(vector, expected([2, 4, 5, 6, 3], 'mean'));
    } finally {
      await embedder.close();
    }
  });
});
