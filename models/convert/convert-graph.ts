import { OnnxBuilder } from './onnx-builder.ts';
import { convertOp, type OpContext } from './op-map.ts';
import {
  producerOf,
  tensorRef,
  tfType,
  type ElemType,
  type TfGraph,
  type TfNode,
  type Weight,
} from './tfjs-graph.ts';
import { encodeModel } from './write-onnx.ts';

export interface ConvertOptions {
  graphName: string;
  producer: string;
  /** Names for the graph outputs, in the order the TF graph yields them. */
  outputNames?: string[];
}

function topologicalOrder(nodes: TfNode[]): TfNode[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: TfNode[] = [];
  const visit = (node: TfNode): void => {
    const seen = state.get(node.name);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new Error(`Cycle through ${node.name}`);
    state.set(node.name, 'visiting');
    for (const input of node.input) {
      const producer = byName.get(producerOf(input));
      if (!producer) throw new Error(`${node.name}: unknown input ${input}`);
      visit(producer);
    }
    state.set(node.name, 'done');
    order.push(node);
  };
  nodes.forEach(visit);
  return order;
}

function placeholderDims(node: TfNode): (number | string)[] | null {
  const shape = node.attr.shape?.shape as
    { dim?: { size: string | number }[]; unknownRank?: boolean } | undefined;
  if (!shape || shape.unknownRank) return null;
  return (shape.dim ?? []).map((d, i) => (Number(d.size) < 0 ? `${node.name}_${i}` : Number(d.size)));
}

const BOOL_OUTPUT = new Set(['Less', 'Greater', 'LogicalNot']);
const INT_OUTPUT = new Set(['Shape', 'Range']);

/** Element type of a graph output, which TF records as the op's input type, not its output type. */
function outputType(node: TfNode): ElemType {
  if (node.op === 'Cast') return tfType(node.attr.DstT);
  if (BOOL_OUTPUT.has(node.op)) return 'bool';
  if (INT_OUTPUT.has(node.op) || (node.op === 'Where' && node.input.length === 1)) return 'int64';
  return tfType(node.attr.T ?? node.attr.dtype);
}

/** Converts a TF.js graph into ONNX model bytes. */
export function convertTfjsGraph(graph: TfGraph, options: ConvertOptions): Uint8Array {
  const b = new OnnxBuilder();
  const consts = new Map<string, Weight>();
  const emitted = new Set<string>();
  const ranks = new Map<string, number>();
  const consumed = new Set<string>();

  for (const node of graph.nodes) {
    node.input.forEach((i) => consumed.add(producerOf(i)));
    if (node.op !== 'Const') continue;
    const weight = graph.weights.get(node.name);
    if (!weight) throw new Error(`Const ${node.name} has no weight data`);
    consts.set(node.name, weight);
    ranks.set(node.name, weight.shape.length);
  }

  for (const node of topologicalOrder(graph.nodes)) {
    if (node.op === 'Const') continue;
    if (node.op === 'Placeholder') {
      const dims = placeholderDims(node);
      b.inputs.push({ name: node.name, type: tfType(node.attr.dtype), dims });
      if (dims) ranks.set(node.name, dims.length);
      continue;
    }
    const constWeight = (i: number): Weight => {
      const weight = consts.get(tensorRef(node.input[i]));
      if (!weight) throw new Error(`${node.name}: input ${i} must be constant`);
      return weight;
    };
    const ctx: OpContext = {
      b,
      node,
      input(i) {
        const name = tensorRef(node.input[i]);
        const weight = consts.get(name);
        // Consts are emitted on first use as a tensor, so the ones only read as attributes don't linger.
        if (weight && !emitted.has(name)) {
          b.initializer(name, weight);
          emitted.add(name);
        }
        return name;
      },
      constWeight,
      constInts: (i) => Array.from(constWeight(i).data, Number),
      output: (k = 0) => (k === 0 ? node.name : `${node.name}:${k}`),
      rank: (tensor) => ranks.get(tensor),
      setRank: (tensor, rank) => ranks.set(tensor, rank),
    };
    convertOp(ctx);
  }

  const finals = graph.nodes.filter(
    (n) => !consumed.has(n.name) && n.op !== 'Const' && n.op !== 'Placeholder',
  );
  finals.forEach((node, k) => {
    const name = options.outputNames?.[k] ?? node.name;
    if (name !== node.name) b.op('Identity', [node.name], {}, name);
    b.outputs.push({ name, type: outputType(node), dims: null });
  });
  return encodeModel(b, options.graphName, options.producer);
}
