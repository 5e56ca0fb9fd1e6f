import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { convertTfjsGraph } from '../../models/convert/convert-graph.ts';
import type { TfGraph, TfNode, Weight } from '../../models/convert/tfjs-graph.ts';

const FLOAT = { type: 1 };
const INT32 = { type: 3 };

function ints(values: number[]): Weight {
  return { type: 'int64', shape: [values.length], data: BigInt64Array.from(values, BigInt) };
}

function graph(nodes: TfNode[], consts: Record<string, Weight>): TfGraph {
  const constNodes = Object.keys(consts).map((name) => ({
    name,
    op: 'Const',
    input: [],
    attr: { dtype: INT32 },
  }));
  return { nodes: [...constNodes, ...nodes], weights: new Map(Object.entries(consts)) };
}

const x: TfNode = {
  name: 'x',
  op: 'Placeholder',
  input: [],
  attr: { dtype: FLOAT, shape: { shape: { dim: [{ size: '-1' }, { size: '3' }, { size: '4' }] } } },
};
const node = (name: string, op: string, input: string[], attr: TfNode['attr'] = {}): TfNode => ({
  name,
  op,
  input,
  attr: { T: FLOAT, ...attr },
});
const mask = (i: number) => ({ i: String(i) });

async function run(
  g: TfGraph,
  input: Float32Array,
  dims: number[],
): Promise<ort.InferenceSession.OnnxValueMapType> {
  const session = await ort.InferenceSession.create(
    convertTfjsGraph(g, { graphName: 't', producer: 'test' }),
  );
  try {
    return await session.run({ x: new ort.Tensor('float32', input, dims) });
  } finally {
    await session.release();
  }
}

describe('TF.js → ONNX op mapping', () => {
  const values = Float32Array.from({ length: 24 }, (_, i) => (i % 5) - 2); // shape [2,3,4]
  const at = (b: number, r: number, c: number) => values[b * 12 + r * 4 + c];

  it('maps StridedSlice masks, Where coordinates and adjoint BatchMatMul like TF', async () => {
    const g = graph(
      [
        x,
        // x[:, 1:, 0:2]
        node('slice', 'StridedSlice', ['x', 'b1', 'e1', 's1'], {
          begin_mask: mask(0b001),
          end_mask: mask(0b011),
        }),
        // x[:, -1]
        node('last', 'StridedSlice', ['x', 'b2', 'e2', 's2'], {
          begin_mask: mask(1),
          end_mask: mask(1),
          shrink_axis_mask: mask(0b10),
        }),
        node('positive', 'Greater', ['x', 'zero']),
        node('where', 'Where', ['positive'], { T: { type: 10 } }),
        node('gram', 'BatchMatMul', ['x', 'x'], { adj_x: { b: false }, adj_y: { b: true } }),
      ],
      {
        b1: ints([0, 1, 0]),
        e1: ints([0, 0, 2]),
        s1: ints([1, 1, 1]),
        b2: ints([0, -1]),
        e2: ints([0, 0]),
        s2: ints([1, 1]),
        zero: { type: 'float32', shape: [], data: Float32Array.of(0) },
      },
    );
    const out = await run(g, values, [2, 3, 4]);

    expect(out.slice.dims).toEqual([2, 2, 2]);
    expect(Array.from(out.slice.data as Float32Array)).toEqual(
      [0, 1].flatMap((b) => [1, 2].flatMap((r) => [0, 1].map((c) => at(b, r, c)))),
    );
    expect(out.last.dims).toEqual([2, 4]);
    expect(Array.from(out.last.data as Float32Array)).toEqual(
      [0, 1].flatMap((b) => [0, 1, 2, 3].map((c) => at(b, 2, c))),
    );

    const coords = Array.from(out.where.data as BigInt64Array, Number);
    const expected = [0, 1].flatMap((b) =>
      [0, 1, 2].flatMap((r) => [0, 1, 2, 3].flatMap((c) => (at(b, r, c) > 0 ? [b, r, c] : []))),
    );
    expect(out.where.dims).toEqual([expected.length / 3, 3]);
    expect(coords).toEqual(expected);

    const gram = out.gram.data as Float32Array;
    const dot = (b: number, i: number, j: number) =>
      [0, 1, 2, 3].reduce((s, c) => s + at(b, i, c) * at(b, j, c), 0);
    expect(out.gram.dims).toEqual([2, 3, 3]);
    expect(Array.from(gram)).toEqual(
      [0, 1].flatMap((b) => [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => dot(b, i, j)))),
    );
  });

  it('refuses ops it cannot map instead of guessing', () => {
    const g = graph([x, node('y', 'Erf', ['x'])], {});
    expect(() => convertTfjsGraph(g, { graphName: 't', producer: 'test' })).toThrow(/Unsupported TF op Erf/);
  });
});
