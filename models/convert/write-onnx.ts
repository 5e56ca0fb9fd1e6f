import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';
import { onnxType, type GraphIo, type OnnxBuilder } from './onnx-builder.ts';

const { onnx } = onnxProto;

export const OPSET = 13;
const IR_VERSION = 7;

function valueInfo(io: GraphIo): OnnxTypes.IValueInfoProto {
  const shape = io.dims && {
    dim: io.dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
  };
  return {
    name: io.name,
    type: { tensorType: { elemType: onnxType(io.type), ...(shape ? { shape } : {}) } },
  };
}

/** Serialises the builder's graph into ONNX model bytes (opset 13). */
export function encodeModel(builder: OnnxBuilder, graphName: string, producer: string): Uint8Array {
  const model: OnnxTypes.IModelProto = {
    irVersion: IR_VERSION,
    producerName: producer,
    opsetImport: [{ domain: '', version: OPSET }],
    graph: {
      name: graphName,
      node: builder.nodes,
      initializer: builder.initializers,
      input: builder.inputs.map(valueInfo),
      output: builder.outputs.map(valueInfo),
    },
  };
  return onnx.ModelProto.encode(model).finish();
}
