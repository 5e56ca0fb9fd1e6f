import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The tensor element types the converter understands; every TF integer type is carried as int64. */
export type ElemType = 'float32' | 'int64' | 'bool';

export interface TfAttrValue {
  type?: number | string;
  i?: string | number;
  b?: boolean;
  f?: number;
  s?: string | number[];
  list?: { i?: (string | number)[]; s?: (string | number[])[] };
  shape?: unknown;
  tensor?: unknown;
}

export interface TfNode {
  name: string;
  op: string;
  input: string[];
  attr: Record<string, TfAttrValue>;
}

export interface Weight {
  type: ElemType;
  shape: number[];
  data: Float32Array | BigInt64Array;
}

export interface TfGraph {
  nodes: TfNode[];
  weights: Map<string, Weight>;
}

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: unknown;
}

interface ModelJson {
  modelTopology: { node: (Omit<TfNode, 'input' | 'attr'> & Partial<TfNode>)[] };
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
}

const TF_TYPES: Record<string, ElemType> = {
  '1': 'float32',
  DT_FLOAT: 'float32',
  '3': 'int64',
  DT_INT32: 'int64',
  '9': 'int64',
  DT_INT64: 'int64',
  '10': 'bool',
  DT_BOOL: 'bool',
};

export function tfType(attr: TfAttrValue | undefined): ElemType {
  const type = TF_TYPES[String(attr?.type)];
  if (!type) throw new Error(`Unsupported TF dtype ${JSON.stringify(attr?.type)}`);
  return type;
}

export function attrInt(node: TfNode, name: string, fallback = 0): number {
  const value = node.attr[name]?.i;
  return value === undefined ? fallback : Number(value);
}

export function attrInts(node: TfNode, name: string): number[] {
  return (node.attr[name]?.list?.i ?? []).map(Number);
}

export function attrBool(node: TfNode, name: string): boolean {
  return node.attr[name]?.b === true;
}

/** TF.js writes byte strings either as base64 or, when re-serialised from protobuf objects, as byte arrays. */
export function attrString(node: TfNode, name: string): string | undefined {
  const s = node.attr[name]?.s;
  if (s === undefined) return undefined;
  return typeof s === 'string' ? Buffer.from(s, 'base64').toString('utf8') : Buffer.from(s).toString('utf8');
}

function decodeWeight(spec: WeightSpec, bytes: Buffer): Weight {
  if (spec.quantization) throw new Error(`Quantized weight ${spec.name} is not supported`);
  const size = spec.shape.reduce((a, b) => a * b, 1);
  const copy = new Uint8Array(bytes.subarray(0, size * 4)).buffer;
  switch (spec.dtype) {
    case 'float32':
      return { type: 'float32', shape: spec.shape, data: new Float32Array(copy) };
    case 'int32':
      return {
        type: 'int64',
        shape: spec.shape,
        data: BigInt64Array.from(new Int32Array(copy), (v) => BigInt(v)),
      };
    default:
      throw new Error(`Unsupported weight dtype ${spec.dtype} for ${spec.name}`);
  }
}

/** Reads a TF.js graph model (model.json + weight shards) from a directory. */
export async function readTfjsGraph(dir: string): Promise<TfGraph> {
  const model = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as ModelJson;
  const weights = new Map<string, Weight>();
  for (const group of model.weightsManifest) {
    const buffer = Buffer.concat(await Promise.all(group.paths.map((p) => readFile(join(dir, p)))));
    let offset = 0;
    for (const spec of group.weights) {
      const weight = decodeWeight(spec, buffer.subarray(offset));
      weights.set(spec.name, weight);
      offset += weight.data.length * 4;
    }
  }
  const nodes = model.modelTopology.node.map((n) => ({
    name: n.name,
    op: n.op,
    input: (n.input ?? []).filter((i) => !i.startsWith('^')),
    attr: n.attr ?? {},
  }));
  return { nodes, weights };
}

/** Tensor name of a TF input reference ("node" or "node:k"). */
export function tensorRef(input: string): string {
  return input.endsWith(':0') ? input.slice(0, -2) : input;
}

export function producerOf(input: string): string {
  const colon = input.lastIndexOf(':');
  return colon > 0 && /^\d+$/.test(input.slice(colon + 1)) ? input.slice(0, colon) : input;
}
