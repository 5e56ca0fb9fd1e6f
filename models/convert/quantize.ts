import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT8 = onnx.TensorProto.DataType.INT8;

/** Weights smaller than this stay float: quantizing them saves nothing measurable. */
const MIN_WEIGHT_ELEMENTS = 4096;
/**
 * 7-bit weights: x86 without VNNI multiplies u8×s8 pairs into saturating int16 sums, and 7-bit
 * weights keep those sums in range (ONNX Runtime's `reduce_range`), at a small cost in precision.
 */
const WEIGHT_MAX = 63;

function floatData(t: OnnxTypes.ITensorProto): Float32Array {
  if (t.rawData && t.rawData.length > 0) {
    const bytes = Uint8Array.from(t.rawData);
    return new Float32Array(bytes.buffer, 0, bytes.byteLength / 4);
  }
  return Float32Array.from(t.floatData ?? []);
}

function rawTensor(
  name: string,
  dims: number[],
  dataType: number,
  data: ArrayBufferView,
): OnnxTypes.ITensorProto {
  return { name, dims, dataType, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** Symmetric per-output-column quantization of a [K, N] weight: one scale per column, zero point 0. */
function quantizeColumns(weights: Float32Array, rows: number, cols: number) {
  const scales = new Float32Array(cols);
  for (let c = 0; c < cols; c++) {
    let max = 0;
    for (let r = 0; r < rows; r++) max = Math.max(max, Math.abs(weights[r * cols + c]));
    scales[c] = max > 0 ? max / WEIGHT_MAX : 1;
  }
  const quantized = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) quantized[i] = Math.round(weights[i] / scales[i % cols]);
  return { quantized, scales };
}

/**
 * Dynamic int8 quantization of every MatMul whose right operand is a large float weight, in the
 * node pattern ONNX Runtime fuses into one DynamicQuantizeMatMul kernel:
 * DynamicQuantizeLinear(A) → MatMulInteger(A_q, W_q) → Cast → Mul(A_scale · W_scales).
 * Activations are quantized per call, so nothing about the inputs needs calibrating.
 */
export function quantizeMatMulWeights(modelBytes: Uint8Array): { model: Uint8Array; quantized: number } {
  const model = onnx.ModelProto.decode(modelBytes);
  const graph = model.graph!;
  const initializers = new Map(graph.initializer!.map((t) => [t.name!, t]));
  const consumers = new Map<string, number>();
  for (const node of graph.node!)
    for (const input of node.input!) consumers.set(input, (consumers.get(input) ?? 0) + 1);

  const nodes: OnnxTypes.INodeProto[] = [];
  const replaced = new Set<string>();
  let quantized = 0;
  for (const node of graph.node!) {
    const [input, weightName] = node.input!;
    const weight = node.opType === 'MatMul' ? initializers.get(weightName) : undefined;
    const dims = weight?.dims?.map(Number) ?? [];
    if (
      !weight ||
      weight.dataType !== FLOAT ||
      dims.length !== 2 ||
      dims[0] * dims[1] < MIN_WEIGHT_ELEMENTS
    ) {
      nodes.push(node);
      continue;
    }
    const [rows, cols] = dims;
    const { quantized: q, scales } = quantizeColumns(floatData(weight), rows, cols);
    const prefix = `${node.name || weightName}/int8`;
    graph.initializer!.push(
      rawTensor(`${prefix}/W_q`, [rows, cols], INT8, q),
      rawTensor(`${prefix}/W_zero`, [cols], INT8, new Int8Array(cols)),
      rawTensor(`${prefix}/W_scale`, [cols], FLOAT, scales),
    );
    if (consumers.get(weightName) === 1) replaced.add(weightName);
    const [output] = node.output!;
    nodes.push(
      {
        name: `${prefix}/quantize_input`,
        opType: 'DynamicQuantizeLinear',
        input: [input],
        output: [`${prefix}/A_q`, `${prefix}/A_scale`, `${prefix}/A_zero`],
      },
      {
        name: `${prefix}/matmul`,
        opType: 'MatMulInteger',
        input: [`${prefix}/A_q`, `${prefix}/W_q`, `${prefix}/A_zero`, `${prefix}/W_zero`],
        output: [`${prefix}/Y_int`],
      },
      {
        name: `${prefix}/to_float`,
        opType: 'Cast',
        input: [`${prefix}/Y_int`],
        output: [`${prefix}/Y_float`],
        attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }],
      },
      {
        name: `${prefix}/scale`,
        opType: 'Mul',
        input: [`${prefix}/A_scale`, `${prefix}/W_scale`],
        output: [`${prefix}/Y_scale`],
      },
      {
        name: `${prefix}/rescale`,
        opType: 'Mul',
        input: [`${prefix}/Y_float`, `${prefix}/Y_scale`],
        output: [output],
      },
    );
    quantized++;
  }
  graph.node = nodes;
  graph.initializer = graph.initializer!.filter((t) => !replaced.has(t.name!));
  return { model: onnx.ModelProto.encode(model).finish(), quantized };
}
