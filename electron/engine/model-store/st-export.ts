import fs from 'node:fs';
import path from 'node:path';
import { EngineError } from '../errors.ts';

/** What a sentence-transformers / Optimum ONNX export folder says about its model. */
export interface StExport {
  dir: string;
  /** The ONNX graph, relative to `dir`. */
  onnx: string;
  /** Other files the graph needs (ONNX external data), relative to `dir`. */
  onnxData: string[];
  pooling: 'mean' | 'cls';
  /** Whether modules.json ends with a Normalize module (the engine normalises every vector anyway). */
  normalizes: boolean;
  maxTokens: number;
  /** Every file the model needs, relative to `dir`: what an install copies. */
  files: string[];
}

const REQUIRED = ['tokenizer.json', 'config.json', 'modules.json', 'sentence_bert_config.json'];
/** Copied when present: the tokenizer settings @huggingface/tokenizers reads beside tokenizer.json. */
const OPTIONAL = ['tokenizer_config.json', 'special_tokens_map.json'];
const SUPPORTED_POOLING: Record<string, 'mean' | 'cls'> = {
  pooling_mode_mean_tokens: 'mean',
  pooling_mode_cls_token: 'cls',
};
/** The longest input accepted: BERT-family position tables stop at 512, long-context ones at 8,192. */
const MAX_TOKENS_LIMIT = 8192;

function fail(dir: string, message: string): never {
  throw new EngineError('bad-file', `${dir} is not a sentence-transformers ONNX export: ${message}`);
}

function readJsonFile(dir: string, file: string): Record<string, unknown> {
  const full = path.join(dir, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch {
    return fail(dir, `${file} is missing`);
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object') return value as Record<string, unknown>;
  } catch (e) {
    return fail(dir, `${file} is not valid JSON (${(e as Error).message})`);
  }
  return fail(dir, `${file} does not hold a JSON object`);
}

/**
 * Which graph of an export to use, from its file paths: `model.onnx` at the top, else `onnx/model.onnx`,
 * else the first `onnx/model*.onnx` (Optimum's optimised and quantised variants).
 */
export function chooseOnnx(paths: readonly string[]): string | null {
  if (paths.includes('model.onnx')) return 'model.onnx';
  const variants = paths.filter((p) => /^onnx\/model[^/]*\.onnx$/.test(p)).sort();
  return variants.includes('onnx/model.onnx') ? 'onnx/model.onnx' : (variants[0] ?? null);
}

/**
 * The files of an export worth fetching or unpacking, from a listing of its paths (a zip's entries, a
 * hub repository's tree): its configuration files and the one graph it will use, not the PyTorch
 * weights or the other ONNX variants beside them. Null when the listing has no usable graph.
 */
export function exportFilesAmong(paths: readonly string[]): string[] | null {
  const onnx = chooseOnnx(paths);
  if (!onnx) return null;
  const config = (p: string) => /^[^/]+\.json$/.test(p) || /^\d+_[^/]+\/config\.json$/.test(p);
  return paths.filter((p) => p === onnx || p === `${onnx}_data` || p === `${onnx}.data` || config(p));
}

function findOnnx(dir: string): string {
  const sub = path.join(dir, 'onnx');
  const paths = [
    ...fs.readdirSync(dir),
    ...(fs.existsSync(sub) ? fs.readdirSync(sub).map((n) => `onnx/${n}`) : []),
  ];
  return chooseOnnx(paths) ?? fail(dir, 'no model.onnx (looked for model.onnx and onnx/model*.onnx)');
}

function positiveInt(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

interface StModule {
  path?: unknown;
  type?: unknown;
}

/** Reads the export's configuration; names the file and field that are missing or wrong. */
export function readStExport(dir: string): StExport {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) fail(dir, 'no such folder');
  for (const file of REQUIRED) {
    if (!fs.existsSync(path.join(dir, file))) fail(dir, `${file} is missing`);
  }
  const onnx = findOnnx(dir);
  // ONNX files over 2 GB keep their weights beside the graph (`model.onnx_data`); ship it with the graph.
  const onnxData = [`${onnx}_data`, `${onnx}.data`].filter((f) => fs.existsSync(path.join(dir, f)));
  readJsonFile(dir, 'tokenizer.json');
  const config = readJsonFile(dir, 'config.json');
  const modulesRaw = JSON.parse(fs.readFileSync(path.join(dir, 'modules.json'), 'utf8')) as unknown;
  if (!Array.isArray(modulesRaw)) fail(dir, 'modules.json is not a list of modules');
  const modules = modulesRaw as StModule[];
  const typeOf = (m: StModule) => (typeof m.type === 'string' ? m.type : '');
  const poolingModule = modules.find((m) => typeOf(m).endsWith('.Pooling'));
  if (!poolingModule || typeof poolingModule.path !== 'string') {
    fail(dir, 'modules.json lists no sentence_transformers.models.Pooling module with a path');
  }
  const unsupported = modules.find((m) => /\.(Dense|LayerNorm|WeightedLayerPooling)$/.test(typeOf(m)));
  if (unsupported) {
    fail(
      dir,
      `modules.json has a ${typeOf(unsupported)} module (${String(unsupported.path)}) after the transformer, which an ONNX export of the transformer does not run; only Transformer, Pooling and Normalize are supported`,
    );
  }
  const poolingFile = `${poolingModule.path.replace(/\/+$/, '')}/config.json`;
  const poolingConfig = readJsonFile(dir, poolingFile);
  const modes = Object.entries(poolingConfig)
    .filter(([key, on]) => key.startsWith('pooling_mode_') && on === true)
    .map(([key]) => key);
  if (modes.length !== 1) {
    fail(
      dir,
      `${poolingFile} must turn on exactly one pooling_mode_* (it turns on ${modes.length ? modes.join(', ') : 'none'})`,
    );
  }
  const pooling = SUPPORTED_POOLING[modes[0]];
  if (!pooling) {
    fail(dir, `${poolingFile}: ${modes[0]} is not supported (supported: mean tokens, CLS token)`);
  }
  const stConfig = readJsonFile(dir, 'sentence_bert_config.json');
  const maxSeq = positiveInt(stConfig.max_seq_length);
  if (maxSeq === null) fail(dir, 'sentence_bert_config.json: max_seq_length must be a positive integer');
  const positions = positiveInt(config.max_position_embeddings);
  const maxTokens = Math.min(maxSeq, positions ?? maxSeq, MAX_TOKENS_LIMIT);
  const optional = OPTIONAL.filter((f) => fs.existsSync(path.join(dir, f)));
  return {
    dir,
    onnx,
    onnxData,
    pooling,
    normalizes: modules.some((m) => typeOf(m).endsWith('.Normalize')),
    maxTokens,
    files: [onnx, ...onnxData, ...REQUIRED, ...optional, poolingFile],
  };
}
