// Corrupt and hostile ONNX files in an otherwise valid sentence-transformers export: each fails the
// add with a message naming what is wrong, nothing is installed, and the engine keeps serving.
import fs from 'node:fs';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../electron/engine/engine.ts';
import type { Engine } from '../../../electron/engine/engine.ts';
import { probeIsolated } from '../../../electron/engine/model-store/isolated-probe.ts';
import { ModelRegistry } from '../../../electron/engine/model-store/model-registry.ts';
import { defaultModelsDir } from '../../../electron/engine/embed/models-dir.ts';
import { OnnxBuilder } from '../../../models/convert/onnx-builder.ts';
import { encodeModel } from '../../../models/convert/write-onnx.ts';
import type { ModelJobFinished } from '../../../shared/types.ts';
import { tinyVocab, writeTinyStExport } from '../../helpers/tiny-st-model.ts';
import { tempDir } from '../helpers.ts';

const { onnx } = onnxProto;
const HIDDEN = 32;

const tokenInput = (name: string, dims: (number | string)[] = ['batch', 'sequence']) => ({
  name,
  type: {
    tensorType: {
      elemType: 7,
      shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
    },
  },
});
const floatOutput = (name: string, dims: (number | string)[]) => ({
  name,
  type: {
    tensorType: {
      elemType: 1,
      shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
    },
  },
});

/** A graph written field by field, for what OnnxBuilder would never produce. */
function rawModel(graph: Record<string, unknown>): Uint8Array {
  return onnx.ModelProto.encode({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    graph: { name: 'hostile', ...graph },
  }).finish();
}

/** Token embeddings gathered per token, then `finish` applied: a valid text model shape. */
function embeddingGraph(finish: (b: OnnxBuilder, hidden: string) => string): Uint8Array {
  const vocab = tinyVocab().length;
  const b = new OnnxBuilder();
  b.inputs.push(
    { name: 'input_ids', type: 'int64', dims: ['batch', 'sequence'] },
    { name: 'attention_mask', type: 'int64', dims: ['batch', 'sequence'] },
  );
  const table = b.float(
    Array.from({ length: vocab * HIDDEN }, (_, i) => Math.sin(i)),
    [vocab, HIDDEN],
  );
  b.op('Identity', [finish(b, b.op('Gather', [table, 'input_ids']))], {}, 'last_hidden_state');
  b.outputs.push({ name: 'last_hidden_state', type: 'float32', dims: ['batch', 'sequence', HIDDEN] });
  return encodeModel(b, 'hostile', 'shelfscope-test');
}

const valid = () => {
  const dir = tempDir('shelfscope-valid-');
  writeTinyStExport(dir);
  const bytes = fs.readFileSync(path.join(dir, 'model.onnx'));
  fs.rmSync(dir, { recursive: true, force: true });
  return bytes;
};

const HOSTILE: [string, () => Uint8Array, RegExp][] = [
  [
    'a truncated file',
    () => valid().subarray(0, Math.floor(valid().length / 2)),
    /model\.onnx is not a readable ONNX file \(truncated or corrupt/,
  ],
  [
    'random bytes',
    () => Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251),
    /model\.onnx is not a readable ONNX file|holds no ONNX graph/,
  ],
  [
    'an initializer declaring 10^15 values',
    () =>
      rawModel({
        node: [{ opType: 'Gather', input: ['table', 'input_ids'], output: ['last_hidden_state'] }],
        initializer: [
          { name: 'table', dims: [100_000, 100_000, 100_000], dataType: 1, rawData: new Uint8Array(16) },
        ],
        input: [tokenInput('input_ids'), tokenInput('attention_mask')],
        output: [floatOutput('last_hidden_state', ['batch', 'sequence', HIDDEN])],
      }),
    /initializer table declares shape \[100000, 100000, 100000\] \(1\.00e\+15 values\)/,
  ],
  [
    'an initializer whose data is shorter than its shape',
    () =>
      rawModel({
        node: [{ opType: 'Gather', input: ['table', 'input_ids'], output: ['last_hidden_state'] }],
        initializer: [{ name: 'table', dims: [1000, HIDDEN], dataType: 1, rawData: new Uint8Array(40) }],
        input: [tokenInput('input_ids'), tokenInput('attention_mask')],
        output: [floatOutput('last_hidden_state', ['batch', 'sequence', HIDDEN])],
      }),
    /initializer table declares shape \[1000, 32\] \(32000 values\) but holds 10/,
  ],
  [
    'an input declaring a huge fixed shape',
    () =>
      rawModel({
        node: [{ opType: 'Gather', input: ['table', 'input_ids'], output: ['last_hidden_state'] }],
        initializer: [
          { name: 'table', dims: [4, HIDDEN], dataType: 1, rawData: new Uint8Array(4 * HIDDEN * 4) },
        ],
        input: [tokenInput('input_ids', [1, 2_000_000_000]), tokenInput('attention_mask')],
        output: [floatOutput('last_hidden_state', ['batch', 'sequence', HIDDEN])],
      }),
    /input input_ids declares a dimension of 2,000,000,000/,
  ],
  [
    'an image model (wrong inputs)',
    () =>
      rawModel({
        node: [{ opType: 'Identity', input: ['pixel_values'], output: ['logits'] }],
        input: [
          {
            name: 'pixel_values',
            type: {
              tensorType: {
                elemType: 1,
                shape: { dim: [{ dimValue: 1 }, { dimValue: 3 }, { dimValue: 224 }, { dimValue: 224 }] },
              },
            },
          },
        ],
        output: [floatOutput('logits', [1, 3, 224, 224])],
      }),
    /model\.onnx takes inputs pixel_values; a text embedding model takes input_ids and attention_mask/,
  ],
  [
    'float token inputs',
    () =>
      rawModel({
        node: [{ opType: 'Identity', input: ['input_ids'], output: ['last_hidden_state'] }],
        input: [{ name: 'input_ids', type: { tensorType: { elemType: 1 } } }, tokenInput('attention_mask')],
        output: [floatOutput('last_hidden_state', ['batch', 'sequence', HIDDEN])],
      }),
    /input input_ids must be int64 token ids \(it is type 1\)/,
  ],
  [
    'a 4-d output',
    () => embeddingGraph((b, h) => b.op('Unsqueeze', [h, b.int64([0])])),
    /output last_hidden_state must be \[batch, length, hidden\] or \[batch, hidden\] \(it declares|one text of \d+ tokens gave an output of shape \[1, 1, \d+, 32\]/,
  ],
  [
    'NaN outputs',
    () => embeddingGraph((b, h) => b.op('Log', [b.op('Sub', [b.float([-1], []), b.op('Abs', [h])])])),
    /gave values that are not finite/,
  ],
  [
    'a runtime allocation of 4 PB',
    () =>
      embeddingGraph((b, h) => {
        const huge = b.op('ConstantOfShape', [b.int64([100_000, 100_000, 100_000])]);
        return b.op('Add', [h, b.op('ReduceSum', [b.op('Cast', [huge], { to: 1 })], { keepdims: 0 })]);
      }),
    /ONNX Runtime could not run model\.onnx: .*Failed to allocate memory|ONNX Runtime stopped while loading or running model\.onnx/,
  ],
];

describe('hostile ONNX files', () => {
  let root: string;
  let registry: ModelRegistry;
  beforeAll(() => {
    root = tempDir('shelfscope-hostile-');
    registry = new ModelRegistry({ bundledDir: defaultModelsDir(), dataDir: path.join(root, 'data') });
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it.each(HOSTILE)('refuses %s with a message and installs nothing', async (label, graph, message) => {
    const src = path.join(root, label.replace(/\W+/g, '-'));
    writeTinyStExport(src);
    fs.writeFileSync(path.join(src, 'model.onnx'), graph());
    const error = await registry.add(src, { name: 'hostile' }).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/^hostile: /);
    expect(error?.message).toMatch(message);
    if (process.env.SHOW_MESSAGES) console.log(label, '→', error?.message);
    expect(registry.names()).not.toContain('hostile');
    expect(fs.readdirSync(path.join(root, 'data', 'models')).filter((n) => n.startsWith('.staging'))).toEqual(
      [],
    );
  });

  it('stops a probe that runs past its time limit', async () => {
    const src = path.join(root, 'slow');
    writeTinyStExport(src);
    await expect(
      probeIsolated(
        {
          dir: src,
          name: 'slow',
          version: '1',
          onnx: 'model.onnx',
          pooling: 'mean',
          maxTokens: 64,
          intraOpThreads: 1,
        },
        undefined,
        1,
      ),
    ).rejects.toThrow('model.onnx did not finish its checks in 0 s; it was stopped');
  });

  it('probes in a worker thread where no child process can be started (Electron), with the same checks', async () => {
    const good = path.join(root, 'in-worker');
    writeTinyStExport(good);
    const req = {
      dir: good,
      name: 'w',
      version: '1',
      onnx: 'model.onnx',
      pooling: 'mean' as const,
      maxTokens: 64,
      intraOpThreads: 1,
    };
    expect(await probeIsolated(req, undefined, 120_000, 'worker')).toMatchObject({
      dimensions: 32,
      pooling: 'mean',
    });
    fs.writeFileSync(path.join(good, 'model.onnx'), HOSTILE[0][1]());
    await expect(probeIsolated(req, undefined, 120_000, 'worker')).rejects.toThrow(
      'model.onnx is not a readable ONNX file',
    );
  });

  describe('through the engine', () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await createEngine({ dataDir: path.join(root, 'engine') });
    });
    afterAll(() => engine.close());

    it('reports a hostile model as a failed job and keeps serving', async () => {
      const src = path.join(root, 'engine-hostile');
      writeTinyStExport(src);
      fs.writeFileSync(path.join(src, 'model.onnx'), HOSTILE[0][1]());
      const finished = new Promise<ModelJobFinished>((resolve) => engine.on('modelJobFinished', resolve));
      const { jobId } = await engine.startAddModel({ source: src });
      const outcome = await finished;
      expect(outcome).toMatchObject({ jobId, ok: false });
      expect(outcome.error).toMatch(/engine-hostile: model\.onnx is not a readable ONNX file/);
      const names = (await engine.listModels({})).map((m) => m.name);
      expect(names).toContain('use-lite-int8');
      expect(names).not.toContain('engine-hostile');
    });
  });
});
