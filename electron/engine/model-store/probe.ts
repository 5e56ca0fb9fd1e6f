// Runs a candidate model the way the engine will, and checks it behaves like a text embedder. Meant
// to run in a child process (probe-child.ts): a hostile graph may crash ONNX Runtime natively.
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { Embedder } from '../embed/embedder.ts';
import { loadEmbedder } from '../embed/load-embedder.ts';
import type { ModelManifest } from '../embed/manifest.ts';
import { createHfTokenizer } from '../embed/hf-tokenizer.ts';
import { createSession } from '../embed/onnx-session.ts';
import { dot } from '../vector/codec.ts';
import { checkOnnxFile } from './onnx-check.ts';

export interface ProbeRequest {
  dir: string;
  name: string;
  version: string;
  onnx: string;
  pooling: 'mean' | 'cls';
  maxTokens: number;
  intraOpThreads: number;
}

export interface ProbeResult {
  dimensions: number;
  pooling: ModelManifest['pooling'];
  textsPerSec: number;
}

const MAX_DIMENSIONS = 8192;

/** Pairs that any text embedder ranks the same way: the first text is closer to the second than to the third. */
const SIMILARITY_TRIPLETS: [string, string, string][] = [
  ['waterproof hiking boots', 'hiking boots, waterproof', 'stainless steel frying pan'],
  ['red cotton t-shirt', 'cotton t-shirt in red', 'wireless bluetooth headphones'],
  ['leather office backpack', 'backpack made of leather for the office', 'organic green tea bags'],
];

/** Product-like texts of mixed lengths for the speed measurement. */
const SPEED_TEXTS = [
  'Trail running shoe with a grippy outsole | Footwear | Running',
  'Stainless steel frying pan, 28 cm, induction ready | Kitchen | Cookware',
  'Wireless noise-cancelling headphones with 30 hours of battery life and a carrying case | Audio',
  'Organic green tea, 50 bags | Grocery | Tea',
  'Merino wool sweater, crew neck, navy | Apparel | Knitwear | Soft, warm and breathable for everyday wear',
  'USB-C charging cable 2 m | Electronics | Accessories',
  'Kids rain jacket with hood, reflective strips, machine washable | Apparel | Outerwear',
  'Ceramic coffee mug 350 ml | Home | Tableware',
];
const SPEED_ROUNDS = 8;

function cosine(a: Float32Array, b: Float32Array): number {
  const na = Math.sqrt(dot(a, a));
  const nb = Math.sqrt(dot(b, b));
  return na > 0 && nb > 0 ? dot(a, b) / (na * nb) : 0;
}

function readJsonIfPresent(file: string): object {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as object) : {};
}

/** One raw run on one text: the first output's shape says whether the graph pools and how wide it is. */
async function measureOutput(req: ProbeRequest): Promise<{ dimensions: number; pools: boolean }> {
  const tokenizer = createHfTokenizer(
    readJsonIfPresent(path.join(req.dir, 'tokenizer.json')),
    readJsonIfPresent(path.join(req.dir, 'tokenizer_config.json')),
    req.maxTokens,
  );
  const ids = tokenizer.encode('a waterproof jacket for hiking');
  if (ids.length === 0) throw new Error('tokenizer.json turns a plain English sentence into no tokens');
  const session = await createSession(path.join(req.dir, req.onnx), 1).catch((e: unknown) => {
    throw new Error(`ONNX Runtime could not load ${req.onnx}: ${(e as Error).message}`);
  });
  try {
    const dims = [1, ids.length];
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), dims),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), dims),
    };
    if (session.inputNames.includes('token_type_ids'))
      feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(ids.length), dims);
    const outputs = await session.run(feeds).catch((e: unknown) => {
      throw new Error(`ONNX Runtime could not run ${req.onnx}: ${(e as Error).message}`);
    });
    const out = outputs[session.outputNames[0]];
    const shape = out.dims.map(Number);
    const described = `[${shape.join(', ')}]`;
    if (out.type !== 'float32') throw new Error(`${req.onnx}: output is ${out.type}, not float32`);
    const pools = shape.length === 2;
    if (!(pools || shape.length === 3) || shape[0] !== 1 || (!pools && shape[1] !== ids.length)) {
      throw new Error(
        `${req.onnx}: one text of ${ids.length} tokens gave an output of shape ${described}; expected [1, ${ids.length}, hidden] or [1, hidden]`,
      );
    }
    const dimensions = shape[shape.length - 1];
    if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
      throw new Error(`${req.onnx}: output width ${dimensions} is outside 1–${MAX_DIMENSIONS}`);
    }
    return { dimensions, pools };
  } finally {
    await session.release();
  }
}

/**
 * Checks the file, finds the dimensions by running it, writes the manifest the engine reads, then
 * runs the model through the engine's own embedder: finite vectors of the declared width, the same
 * vector for a text alone and in a padded batch, different vectors for different texts, paraphrases
 * closer than unrelated texts; and measures its speed on product-like texts.
 */
export async function probeModel(req: ProbeRequest): Promise<ProbeResult> {
  checkOnnxFile(path.join(req.dir, req.onnx));
  const { dimensions, pools } = await measureOutput(req);
  const manifest: ModelManifest = {
    name: req.name,
    version: req.version,
    onnx: req.onnx,
    dimensions,
    maxTokens: req.maxTokens,
    pooling: pools ? 'none' : req.pooling,
    normalize: true,
    tokenizer: {
      kind: 'hf-tokenizer-json',
      file: 'tokenizer.json',
      ...(fs.existsSync(path.join(req.dir, 'tokenizer_config.json'))
        ? { config: 'tokenizer_config.json' }
        : {}),
    },
    inputs: 'bert',
  };
  fs.writeFileSync(path.join(req.dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const embedder = await loadEmbedder(req.dir, { intraOpThreads: req.intraOpThreads });
  try {
    const texts = SIMILARITY_TRIPLETS.flat();
    const vectors = await embedder.embed(texts);
    vectors.forEach((v, i) => {
      if (v.length !== dimensions)
        throw new Error(`"${texts[i]}" gave ${v.length} values, not ${dimensions}`);
      if (!v.every(Number.isFinite))
        throw new Error(`"${texts[i]}" gave values that are not finite (NaN or infinity)`);
      if (dot(v, v) === 0) throw new Error(`"${texts[i]}" gave a zero vector`);
    });
    const [alone] = await embedder.embed([texts[0]]);
    // In a batch with a longer text, the first text is padded: a graph that ignores attention_mask changes it.
    const [padded] = await embedder.embed([texts[0], SPEED_TEXTS[4]]);
    const drift = cosine(alone, padded);
    if (drift < 0.99) {
      throw new Error(
        `the same text gave different vectors alone and in a padded batch (cosine ${drift.toFixed(3)}): the graph does not respect attention_mask`,
      );
    }
    SIMILARITY_TRIPLETS.forEach(([a, b, c], t) => {
      const [va, vb, vc] = vectors.slice(3 * t, 3 * t + 3);
      const near = cosine(va, vb);
      const far = cosine(va, vc);
      if (far > 0.9999)
        throw new Error(`"${a}" and "${c}" gave the same vector: the model does not tell texts apart`);
      if (near <= far) {
        throw new Error(
          `similarity check failed: "${a}" is closer to "${c}" (${far.toFixed(3)}) than to "${b}" (${near.toFixed(3)})`,
        );
      }
    });
    return { dimensions, pooling: manifest.pooling, textsPerSec: await textsPerSec(embedder) };
  } finally {
    await embedder.close();
  }
}

/** Texts per second on product-like texts, after the runs above have warmed the session up. */
async function textsPerSec(embedder: Embedder): Promise<number> {
  const texts = Array.from({ length: SPEED_ROUNDS }, () => SPEED_TEXTS).flat();
  const started = performance.now();
  await embedder.embed(texts);
  const seconds = (performance.now() - started) / 1000;
  return Math.round(texts.length / Math.max(seconds, 1e-3));
}

/** The speed of an installed model on this machine, measured once (the bundled models, when first listed). */
export async function measureSpeed(dir: string, intraOpThreads: number): Promise<number> {
  const embedder = await loadEmbedder(dir, { intraOpThreads });
  try {
    await embedder.embed(SPEED_TEXTS);
    return await textsPerSec(embedder);
  } finally {
    await embedder.close();
  }
}
