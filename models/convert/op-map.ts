import { INT64_MAX, INT64_MIN, onnxType, type OnnxBuilder } from './onnx-builder.ts';
import { attrBool, attrInt, attrInts, attrString, tfType, type TfNode, type Weight } from './tfjs-graph.ts';

/** What an op handler may ask about the TF node it converts. */
export interface OpContext {
  readonly b: OnnxBuilder;
  readonly node: TfNode;
  /** ONNX tensor name of the node's i-th input. */
  input(i: number): string;
  /** A constant input's tensor, for handlers that rewrite weights. */
  constWeight(i: number): Weight;
  /** Values of a constant input (shape arguments, axes, permutations). */
  constInts(i: number): number[];
  /** ONNX tensor name the node's k-th output must be written to. */
  output(k?: number): string;
  rank(tensor: string): number | undefined;
  setRank(tensor: string, rank: number): void;
}

type Handler = (ctx: OpContext) => void;

function same(onnxOp: string): Handler {
  return (ctx) => {
    ctx.b.op(
      onnxOp,
      ctx.node.input.map((_, i) => ctx.input(i)),
      {},
      ctx.output(),
    );
  };
}

function reduce(onnxOp: string): Handler {
  return (ctx) => {
    const keepdims = attrBool(ctx.node, 'keep_dims') ? 1 : 0;
    const axes = ctx.constInts(1);
    // Opset 13 takes ReduceSum's axes as an input but the other reductions' as an attribute.
    if (onnxOp === 'ReduceSum')
      ctx.b.op(onnxOp, [ctx.input(0), ctx.b.int64(axes)], { keepdims }, ctx.output());
    else ctx.b.op(onnxOp, [ctx.input(0)], { axes, keepdims }, ctx.output());
  };
}

function bit(mask: number, i: number): boolean {
  return ((mask >> i) & 1) === 1;
}

function requireNhwc(node: TfNode): void {
  const format = attrString(node, 'data_format');
  if (format !== undefined && format !== 'NHWC') throw new Error(`${node.name}: only NHWC is supported`);
}

function transposeLastTwo(ctx: OpContext, tensor: string): string {
  const rank = ctx.rank(tensor);
  if (rank === undefined) throw new Error(`${ctx.node.name}: rank of ${tensor} unknown for adjoint`);
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return ctx.b.op('Transpose', [tensor], { perm });
}

const stridedSlice: Handler = (ctx) => {
  const { node } = ctx;
  if (attrInt(node, 'ellipsis_mask') || attrInt(node, 'new_axis_mask')) {
    throw new Error(`${node.name}: ellipsis/new-axis masks are not supported`);
  }
  const [begin, end, strides] = [ctx.constInts(1), ctx.constInts(2), ctx.constInts(3)];
  const [beginMask, endMask, shrinkMask] = ['begin_mask', 'end_mask', 'shrink_axis_mask'].map((m) =>
    attrInt(node, m),
  );
  const starts: bigint[] = [];
  const ends: bigint[] = [];
  const squeeze: number[] = [];
  begin.forEach((b, i) => {
    const forward = strides[i] > 0;
    if (bit(shrinkMask, i)) {
      starts.push(BigInt(b));
      ends.push(b === -1 ? INT64_MAX : BigInt(b + 1));
      squeeze.push(i);
      return;
    }
    starts.push(bit(beginMask, i) ? (forward ? 0n : INT64_MAX) : BigInt(b));
    ends.push(bit(endMask, i) ? (forward ? INT64_MAX : INT64_MIN) : BigInt(end[i]));
  });
  const axes = begin.map((_, i) => i);
  const steps = squeeze.length ? strides.map((s, i) => (squeeze.includes(i) ? 1 : s)) : strides;
  const inputs = [
    ctx.input(0),
    ctx.b.int64(starts),
    ctx.b.int64(ends),
    ctx.b.int64(axes),
    ctx.b.int64(steps),
  ];
  if (!squeeze.length) {
    ctx.b.op('Slice', inputs, {}, ctx.output());
    return;
  }
  const sliced = ctx.b.op('Slice', inputs);
  ctx.b.op('Squeeze', [sliced, ctx.b.int64(squeeze)], {}, ctx.output());
};

const HANDLERS: Record<string, Handler> = {
  Add: same('Add'),
  AddV2: same('Add'),
  Sub: same('Sub'),
  Mul: same('Mul'),
  RealDiv: same('Div'),
  Maximum: same('Max'),
  Minimum: same('Min'),
  Less: same('Less'),
  Greater: same('Greater'),
  LogicalNot: same('Not'),
  Sin: same('Sin'),
  Cos: same('Cos'),
  Tanh: same('Tanh'),
  Relu: same('Relu'),
  Identity: same('Identity'),
  Shape: same('Shape'),
  Range: same('Range'),
  GatherNd: same('GatherND'),
  Reshape: same('Reshape'),
  Sum: reduce('ReduceSum'),
  Mean: reduce('ReduceMean'),
  Max: reduce('ReduceMax'),
  Prod: reduce('ReduceProd'),
  StridedSlice: stridedSlice,

  Square: (ctx) => {
    const x = ctx.input(0);
    ctx.b.op('Mul', [x, x], {}, ctx.output());
  },
  Rsqrt: (ctx) => {
    ctx.b.op('Reciprocal', [ctx.b.op('Sqrt', [ctx.input(0)])], {}, ctx.output());
  },
  Softmax: (ctx) => {
    ctx.b.op('Softmax', [ctx.input(0)], { axis: -1 }, ctx.output());
  },
  BiasAdd: (ctx) => {
    requireNhwc(ctx.node);
    ctx.b.op('Add', [ctx.input(0), ctx.input(1)], {}, ctx.output());
  },
  Cast: (ctx) => {
    ctx.b.op('Cast', [ctx.input(0)], { to: onnxType(tfType(ctx.node.attr.DstT)) }, ctx.output());
  },
  GatherV2: (ctx) => {
    if (attrInt(ctx.node, 'batch_dims')) throw new Error(`${ctx.node.name}: batch_dims is not supported`);
    ctx.b.op('Gather', [ctx.input(0), ctx.input(1)], { axis: ctx.constInts(2)[0] }, ctx.output());
  },
  ConcatV2: (ctx) => {
    const n = ctx.node.input.length - 1;
    const inputs = Array.from({ length: n }, (_, i) => ctx.input(i));
    ctx.b.op('Concat', inputs, { axis: ctx.constInts(n)[0] }, ctx.output());
  },
  ExpandDims: (ctx) => {
    ctx.b.op('Unsqueeze', [ctx.input(0), ctx.b.int64(ctx.constInts(1))], {}, ctx.output());
  },
  Squeeze: (ctx) => {
    const dims = attrInts(ctx.node, 'squeeze_dims');
    ctx.b.op('Squeeze', dims.length ? [ctx.input(0), ctx.b.int64(dims)] : [ctx.input(0)], {}, ctx.output());
  },
  Pack: (ctx) => {
    const axis = attrInt(ctx.node, 'axis');
    const axes = ctx.b.int64([axis]);
    const parts = ctx.node.input.map((_, i) => ctx.b.op('Unsqueeze', [ctx.input(i), axes]));
    ctx.b.op('Concat', parts, { axis }, ctx.output());
  },
  Transpose: (ctx) => {
    const perm = ctx.constInts(1);
    ctx.b.op('Transpose', [ctx.input(0)], { perm }, ctx.output());
    ctx.setRank(ctx.output(), perm.length);
  },
  Slice: (ctx) => {
    const [begin, size] = [ctx.constInts(1), ctx.constInts(2)];
    const ends = size.map((s, i) => (s === -1 ? INT64_MAX : BigInt(begin[i] + s)));
    ctx.b.op('Slice', [ctx.input(0), ctx.b.int64(begin), ctx.b.int64(ends)], {}, ctx.output());
  },
  SplitV: (ctx) => {
    const sizes = ctx.constInts(1);
    if (sizes.includes(-1)) throw new Error(`${ctx.node.name}: inferred split sizes are not supported`);
    const outputs = sizes.map((_, k) => ctx.output(k));
    ctx.b.node('Split', [ctx.input(0), ctx.b.int64(sizes)], outputs, { axis: ctx.constInts(2)[0] });
  },
  MatMul: (ctx) => {
    const a = attrBool(ctx.node, 'transpose_a')
      ? ctx.b.op('Transpose', [ctx.input(0)], { perm: [1, 0] })
      : ctx.input(0);
    const b = attrBool(ctx.node, 'transpose_b')
      ? ctx.b.op('Transpose', [ctx.input(1)], { perm: [1, 0] })
      : ctx.input(1);
    ctx.b.op('MatMul', [a, b], {}, ctx.output());
  },
  BatchMatMul: (ctx) => batchMatMul(ctx),
  BatchMatMulV2: (ctx) => batchMatMul(ctx),
  Conv2D: (ctx) => {
    // USE-lite only uses 1x1, stride-1 convolutions over NHWC, which are a MatMul over the channel axis.
    const { node } = ctx;
    requireNhwc(node);
    const ones = (name: string) => attrInts(node, name).every((v) => v === 1);
    if (!ones('strides') || !ones('dilations'))
      throw new Error(`${node.name}: only unit strides are supported`);
    ctx.b.op('MatMul', [ctx.input(0), pointwiseKernel(ctx)], {}, ctx.output());
  },
  ScatterNd: (ctx) => {
    const zero = tfType(ctx.node.attr.T) === 'float32' ? ctx.b.float([0], []) : ctx.b.int64([0], []);
    const base = ctx.b.op('Expand', [zero, ctx.input(2)]);
    // TF sums duplicate indices; the graphs we convert never produce duplicates, so plain ScatterND matches.
    ctx.b.op('ScatterND', [base, ctx.input(0), ctx.input(1)], {}, ctx.output());
  },
  SparseToDense: (ctx) => {
    const base = ctx.b.op('Expand', [ctx.input(3), ctx.input(1)]);
    ctx.b.op('ScatterND', [base, ctx.input(0), ctx.input(2)], {}, ctx.output());
  },
  Where: (ctx) => {
    if (ctx.node.input.length === 3) {
      ctx.b.op('Where', [ctx.input(0), ctx.input(1), ctx.input(2)], {}, ctx.output());
      return;
    }
    // tf.where(cond) lists coordinates as rows; ONNX NonZero lists them as columns.
    ctx.b.op('Transpose', [ctx.b.op('NonZero', [ctx.input(0)])], { perm: [1, 0] }, ctx.output());
  },
};

function batchMatMul(ctx: OpContext): void {
  const x = attrBool(ctx.node, 'adj_x') ? transposeLastTwo(ctx, ctx.input(0)) : ctx.input(0);
  const y = attrBool(ctx.node, 'adj_y') ? transposeLastTwo(ctx, ctx.input(1)) : ctx.input(1);
  ctx.b.op('MatMul', [x, y], {}, ctx.output());
}

function pointwiseKernel(ctx: OpContext): string {
  const kernel = ctx.constWeight(1);
  const [h, w, cin, cout] = kernel.shape;
  if (h !== 1 || w !== 1) throw new Error(`${ctx.node.name}: only 1x1 kernels are supported`);
  return ctx.b.initializer(ctx.b.fresh('pointwise_kernel'), { ...kernel, shape: [cin, cout] });
}

export function convertOp(ctx: OpContext): void {
  const handler = HANDLERS[ctx.node.op];
  if (!handler) throw new Error(`Unsupported TF op ${ctx.node.op} (${ctx.node.name})`);
  handler(ctx);
}
