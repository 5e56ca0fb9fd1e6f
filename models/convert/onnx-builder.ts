import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';
import type { ElemType, Weight } from './tfjs-graph.ts';

const { onnx } = onnxProto;

export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;

const ONNX_TYPES: Record<ElemType, number> = { float32: 1, int64: 7, bool: 9 };

export function onnxType(type: ElemType): number {
  return ONNX_TYPES[type];
}

export type AttrValue = number | number[] | string;

function toAttribute(name: string, value: AttrValue): OnnxTypes.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === 'number') return { name, type: AttributeType.INT, i: value };
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: Buffer.from(value, 'utf8') };
  return { name, type: AttributeType.INTS, ints: value };
}

function tensorProto(name: string, weight: Weight): OnnxTypes.ITensorProto {
  const bytes = new Uint8Array(weight.data.buffer, weight.data.byteOffset, weight.data.byteLength);
  // ONNX raw_data is little-endian, as are the typed arrays on every platform Node supports.
  return { name, dims: weight.shape, dataType: onnxType(weight.type), rawData: bytes };
}

export interface GraphIo {
  name: string;
  type: ElemType;
  /** A number is a fixed size, a string a symbolic one. */
  dims: (number | string)[] | null;
}

/** Accumulates ONNX nodes and initializers with deterministic, unique names. */
export class OnnxBuilder {
  readonly nodes: OnnxTypes.INodeProto[] = [];
  readonly initializers: OnnxTypes.ITensorProto[] = [];
  readonly inputs: GraphIo[] = [];
  readonly outputs: GraphIo[] = [];
  private counter = 0;

  fresh(hint: string): string {
    this.counter += 1;
    return `${hint}__${this.counter}`;
  }

  initializer(name: string, weight: Weight): string {
    this.initializers.push(tensorProto(name, weight));
    return name;
  }

  int64(values: readonly (number | bigint)[], shape: number[] = [values.length]): string {
    const data = BigInt64Array.from(values, (v) => BigInt(v));
    return this.initializer(this.fresh('const_i64'), { type: 'int64', shape, data });
  }

  float(values: readonly number[], shape: number[] = [values.length]): string {
    return this.initializer(this.fresh('const_f32'), {
      type: 'float32',
      shape,
      data: Float32Array.from(values),
    });
  }

  /** Adds a node; `outputs` is either the output names or how many fresh ones to make. */
  node(
    opType: string,
    inputs: string[],
    outputs: string[] | number = 1,
    attrs: Record<string, AttrValue> = {},
  ): string[] {
    const names =
      typeof outputs === 'number' ? Array.from({ length: outputs }, () => this.fresh(opType)) : outputs;
    this.nodes.push({
      opType,
      name: this.fresh(`${opType}_node`),
      input: inputs,
      output: names,
      attribute: Object.entries(attrs).map(([k, v]) => toAttribute(k, v)),
    });
    return names;
  }

  /** Same as node() for the usual single-output case. */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, output?: string): string {
    return this.node(opType, inputs, output === undefined ? 1 : [output], attrs)[0];
  }
}
