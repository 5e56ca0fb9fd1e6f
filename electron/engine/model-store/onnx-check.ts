import fs from 'node:fs';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';

const { onnx } = onnxProto;

/** What a text-embedding graph must take: these names, all int64 token tensors [batch, length]. */
export const TEXT_INPUTS = ['input_ids', 'attention_mask', 'token_type_ids'] as const;
const REQUIRED_INPUTS = ['input_ids', 'attention_mask'];
const INT64 = 7;
const FLOAT = 1;
/** Bytes per element of the ONNX tensor types an initializer may use. */
const ELEMENT_BYTES: Record<number, number> = {
  1: 4, // float
  2: 1, // uint8
  3: 1, // int8
  4: 2, // uint16
  5: 2, // int16
  6: 4, // int32
  7: 8, // int64
  9: 1, // bool
  10: 2, // float16
  11: 8, // double
  12: 4, // uint32
  13: 8, // uint64
  16: 2, // bfloat16
};
/** No real input or output dimension comes near this; a larger fixed one is a hostile or broken file. */
const MAX_DECLARED_DIM = 1_000_000;
/** ONNX Runtime would try to allocate a tensor of this many elements before running anything. */
const MAX_INITIALIZER_ELEMENTS = 2 ** 31;

export interface OnnxSummary {
  inputs: string[];
  output: string;
  /** The first output's declared rank, or null when the file does not declare one. */
  outputRank: number | null;
  initializerBytes: number;
}

const dimsOf = (info: OnnxTypes.IValueInfoProto) =>
  info.type?.tensorType?.shape?.dim?.map((d) => (d.dimValue != null ? Number(d.dimValue) : null)) ?? null;

function checkDims(file: string, kind: string, info: OnnxTypes.IValueInfoProto): void {
  for (const d of dimsOf(info) ?? []) {
    if (d !== null && (d < 0 || d > MAX_DECLARED_DIM)) {
      throw new Error(`${file}: ${kind} ${info.name} declares a dimension of ${d.toLocaleString('en-US')}`);
    }
  }
}

/** Elements of an initializer and the bytes it holds, from whichever field carries its data. */
function initializerSize(t: OnnxTypes.ITensorProto): { elements: number; held: number | null } {
  const elements = (t.dims ?? []).reduce<number>((n, d) => n * Number(d), 1);
  const per = ELEMENT_BYTES[t.dataType ?? 0];
  if (t.rawData && t.rawData.length > 0) return { elements, held: t.rawData.length / (per ?? 1) };
  const typed =
    t.floatData?.length ||
    t.int32Data?.length ||
    t.int64Data?.length ||
    t.doubleData?.length ||
    t.uint64Data?.length ||
    t.stringData?.length ||
    0;
  // External data is checked against its file below; an initializer with no data at all holds 0.
  return { elements, held: t.dataLocation === 1 ? null : typed };
}

function externalLocation(t: OnnxTypes.ITensorProto): { location: string; end: number } | null {
  const entry = (key: string) => t.externalData?.find((e) => e.key === key)?.value ?? undefined;
  const location = entry('location');
  if (!location) return null;
  return { location, end: Number(entry('offset') ?? 0) + Number(entry('length') ?? 0) };
}

/**
 * Reads the graph without running it: a truncated or corrupt file, inputs a text model cannot take,
 * absurd declared shapes and initializers whose declared size their data does not back are refused
 * here, before ONNX Runtime would allocate anything for them.
 */
export function checkOnnxFile(onnxPath: string): OnnxSummary {
  const file = path.basename(onnxPath);
  let model: OnnxTypes.ModelProto;
  try {
    model = onnx.ModelProto.decode(fs.readFileSync(onnxPath));
  } catch (e) {
    throw new Error(`${file} is not a readable ONNX file (truncated or corrupt: ${(e as Error).message})`);
  }
  const graph = model.graph;
  if (!graph || !graph.node?.length) throw new Error(`${file} holds no ONNX graph`);
  const initializers = graph.initializer ?? [];
  const initialized = new Set(initializers.map((t) => t.name));
  // Older exports list initializers among the inputs too; only the others are fed.
  const inputs = (graph.input ?? []).filter((i) => !initialized.has(i.name ?? ''));
  const names = inputs.map((i) => i.name ?? '');
  const foreign = inputs.filter((i) => !(TEXT_INPUTS as readonly string[]).includes(i.name ?? ''));
  const missing = REQUIRED_INPUTS.filter((n) => !names.includes(n));
  if (foreign.length || missing.length) {
    const described = inputs.map((i) => i.name).join(', ') || 'none';
    throw new Error(
      `${file} takes inputs ${described}; a text embedding model takes input_ids and attention_mask (and optionally token_type_ids)`,
    );
  }
  for (const input of inputs) {
    const type = input.type?.tensorType?.elemType;
    if (type !== INT64)
      throw new Error(`${file}: input ${input.name} must be int64 token ids (it is type ${type})`);
    const dims = dimsOf(input);
    if (dims && dims.length !== 2) {
      throw new Error(
        `${file}: input ${input.name} must be [batch, length] (it declares ${dims.length} dimensions)`,
      );
    }
    checkDims(file, 'input', input);
  }
  const outputs = graph.output ?? [];
  if (!outputs.length) throw new Error(`${file} declares no output`);
  for (const output of outputs) checkDims(file, 'output', output);
  const first = outputs[0];
  if (first.type?.tensorType?.elemType !== FLOAT) {
    throw new Error(
      `${file}: output ${first.name} must be float32 (it is type ${first.type?.tensorType?.elemType})`,
    );
  }
  const outputRank = dimsOf(first)?.length ?? null;
  if (outputRank !== null && outputRank !== 2 && outputRank !== 3) {
    throw new Error(
      `${file}: output ${first.name} must be [batch, length, hidden] or [batch, hidden] (it declares ${outputRank} dimensions)`,
    );
  }

  const dir = path.dirname(onnxPath);
  let initializerBytes = 0;
  for (const t of initializers) {
    if ((t.dims ?? []).some((d) => Number(d) < 0))
      throw new Error(`${file}: initializer ${t.name} has a negative dimension`);
    const { elements, held } = initializerSize(t);
    const shape = `[${(t.dims ?? []).join(', ')}]`;
    if (elements > MAX_INITIALIZER_ELEMENTS) {
      throw new Error(
        `${file}: initializer ${t.name} declares shape ${shape} (${elements.toExponential(2)} values)`,
      );
    }
    const external = t.dataLocation === 1 ? externalLocation(t) : null;
    if (external) {
      const data = path.join(dir, external.location);
      const size = fs.existsSync(data) ? fs.statSync(data).size : -1;
      if (size < external.end) {
        throw new Error(
          `${file}: initializer ${t.name} reads ${external.location} up to byte ${external.end}, which the file does not have`,
        );
      }
    } else if (held !== null && held !== elements) {
      throw new Error(
        `${file}: initializer ${t.name} declares shape ${shape} (${elements} values) but holds ${held}`,
      );
    }
    initializerBytes += elements * (ELEMENT_BYTES[t.dataType ?? 0] ?? 1);
  }
  return { inputs: names, output: first.name ?? '', outputRank, initializerBytes };
}
