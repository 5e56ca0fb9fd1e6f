import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEmbedder } from '../../../electron/engine/embed/load-embedder.ts';
import { readModelManifest } from '../../../electron/engine/embed/manifest.ts';
import { defaultModelsDir } from '../../../electron/engine/embed/models-dir.ts';
import { ModelRegistry } from '../../../electron/engine/model-store/model-registry.ts';
import { writeTinyStExport } from '../../helpers/tiny-st-model.ts';
import { tempDir } from '../helpers.ts';

const WORDS = ['waterproof', 'hiking', 'boots', 'red', 'cotton', 'shirt'];

function zipFolder(dir: string, zipFile: string, prefix: string): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    zip.addFile(full, `${prefix}${path.relative(dir, full)}`);
  }
  zip.end();
  return new Promise((resolve, reject) => {
    zip.outputStream.pipe(fs.createWriteStream(zipFile)).on('close', resolve).on('error', reject);
  });
}

describe('adding a sentence-transformers ONNX export', () => {
  let root: string;
  let registry: ModelRegistry;
  beforeEach(() => {
    root = tempDir('shelfscope-models-');
    registry = new ModelRegistry({ bundledDir: defaultModelsDir(), dataDir: path.join(root, 'data') });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads pooling and max length from the export, finds the dimensions by running it, and lists it', async () => {
    const src = path.join(root, 'My-Tiny BERT');
    writeTinyStExport(src, { hidden: 24, words: WORDS, pooling: 'cls', attentionScale: 0.5 });
    const model = await registry.add(src);
    expect(model).toMatchObject({
      name: 'my-tiny-bert',
      dimensions: 24,
      pooling: 'cls',
      maxTokens: 64,
      builtIn: false,
    });
    expect(model.textsPerSec).toBeGreaterThan(0);
    const dir = path.join(root, 'data', 'models', 'my-tiny-bert');
    // Only what the model needs is copied: the README stays behind.
    expect(fs.existsSync(path.join(dir, 'README.md'))).toBe(false);
    expect(model.bytes).toBe(
      fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .reduce((n, e) => n + fs.statSync(path.join(e.parentPath, e.name)).size, 0),
    );
    const manifest = await readModelManifest(dir);
    expect(manifest).toMatchObject({ onnx: 'model.onnx', dimensions: 24, inputs: 'bert', pooling: 'cls' });
    expect(manifest.tokenizer).toEqual({
      kind: 'hf-tokenizer-json',
      file: 'tokenizer.json',
      config: 'tokenizer_config.json',
    });
    // The manifest drives the engine's own embedder: shared words make texts close.
    const embedder = await loadEmbedder(dir);
    const [a, b, c] = await embedder.embed([
      'red cotton shirt',
      'cotton shirt, red',
      'waterproof hiking boots',
    ]);
    await embedder.close();
    const cos = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * y[i], 0);
    expect(cos(a, b)).toBeGreaterThan(cos(a, c));
    const names = (await registry.list()).map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['use-lite-int8', 'my-tiny-bert']));
    expect(fs.readdirSync(path.join(root, 'data', 'models')).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('adds the same export from a .zip in the Optimum layout (onnx/model.onnx inside a wrapping folder)', async () => {
    const src = path.join(root, 'export');
    writeTinyStExport(src, { hidden: 16, words: WORDS, optimumLayout: true });
    fs.writeFileSync(path.join(src, 'onnx', 'model_O4.onnx'), 'another variant, not unpacked');
    fs.writeFileSync(path.join(src, 'pytorch_model.bin'), Buffer.alloc(4096));
    const zip = path.join(root, 'paraphrase-tiny.zip');
    await zipFolder(src, zip, 'paraphrase-tiny/');
    const model = await registry.add(zip);
    expect(model).toMatchObject({ name: 'paraphrase-tiny', dimensions: 16, pooling: 'mean' });
    const dir = path.join(root, 'data', 'models', 'paraphrase-tiny');
    expect(fs.existsSync(path.join(dir, 'onnx', 'model.onnx'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'onnx', 'model_O4.onnx'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'pytorch_model.bin'))).toBe(false);
    await expect(registry.add(zip)).rejects.toThrow('a model named "paraphrase-tiny" is installed already');
  });

  it('refuses a CLS-pooled model whose first token ignores the text (the similarity check)', async () => {
    const src = path.join(root, 'blind');
    writeTinyStExport(src, { words: WORDS, pooling: 'cls' });
    await expect(registry.add(src)).rejects.toThrow(
      /blind: "[^"]+" and "[^"]+" gave the same vector: the model does not tell texts apart/,
    );
    expect(registry.names()).not.toContain('blind');
  });

  const broken: [string, (dir: string) => void, string][] = [
    ['no tokenizer.json', (d) => fs.rmSync(path.join(d, 'tokenizer.json')), 'tokenizer.json is missing'],
    ['no modules.json', (d) => fs.rmSync(path.join(d, 'modules.json')), 'modules.json is missing'],
    [
      'no sentence_bert_config.json',
      (d) => fs.rmSync(path.join(d, 'sentence_bert_config.json')),
      'sentence_bert_config.json is missing',
    ],
    [
      'no graph',
      (d) => fs.rmSync(path.join(d, 'model.onnx')),
      'no model.onnx (looked for model.onnx and onnx/model*.onnx)',
    ],
    [
      'no pooling config',
      (d) => fs.rmSync(path.join(d, '1_Pooling'), { recursive: true }),
      '1_Pooling/config.json is missing',
    ],
    [
      'config.json not JSON',
      (d) => fs.writeFileSync(path.join(d, 'config.json'), '{"hidden_size": 32,'),
      'config.json is not valid JSON',
    ],
    [
      'max pooling',
      (d) =>
        fs.writeFileSync(
          path.join(d, '1_Pooling/config.json'),
          JSON.stringify({ pooling_mode_mean_tokens: false, pooling_mode_max_tokens: true }),
        ),
      '1_Pooling/config.json: pooling_mode_max_tokens is not supported',
    ],
    [
      'a Dense head',
      (d) => {
        const modules = JSON.parse(fs.readFileSync(path.join(d, 'modules.json'), 'utf8')) as object[];
        modules.push({ idx: 3, name: '3', path: '2_Dense', type: 'sentence_transformers.models.Dense' });
        fs.writeFileSync(path.join(d, 'modules.json'), JSON.stringify(modules));
      },
      'modules.json has a sentence_transformers.models.Dense module (2_Dense)',
    ],
    [
      'no max_seq_length',
      (d) => fs.writeFileSync(path.join(d, 'sentence_bert_config.json'), '{"do_lower_case": false}'),
      'sentence_bert_config.json: max_seq_length must be a positive integer',
    ],
  ];
  it.each(broken)('refuses a folder with %s, naming the file', async (_, breakIt, message) => {
    const src = path.join(root, 'bad');
    writeTinyStExport(src, { words: WORDS });
    breakIt(src);
    await expect(registry.add(src)).rejects.toThrow(
      `${src} is not a sentence-transformers ONNX export: ${message}`,
    );
    expect(registry.names()).not.toContain('bad');
  });

  it('refuses a zip without an export, and a file that is not a zip', async () => {
    const src = path.join(root, 'notes');
    fs.mkdirSync(src);
    fs.writeFileSync(path.join(src, 'readme.txt'), 'hello');
    await zipFolder(src, path.join(root, 'notes.zip'), '');
    await expect(registry.add(path.join(root, 'notes.zip'))).rejects.toThrow(
      'notes.zip is not a sentence-transformers ONNX export: it has no modules.json',
    );
    fs.writeFileSync(path.join(root, 'fake.zip'), 'not a zip at all');
    await expect(registry.add(path.join(root, 'fake.zip'))).rejects.toThrow(
      'fake.zip is not a readable zip file',
    );
    await expect(registry.add(path.join(root, 'nothing-here'))).rejects.toThrow('no such folder or file');
  });

  it('removes an added model; a bundled one is refused', async () => {
    const src = path.join(root, 'tiny');
    writeTinyStExport(src, { words: WORDS });
    await registry.add(src);
    expect(() => registry.remove('use-lite-int8')).toThrow('comes with Shelfscope and cannot be removed');
    registry.remove('tiny');
    expect(registry.names()).not.toContain('tiny');
    expect(fs.existsSync(path.join(root, 'data', 'models', 'tiny'))).toBe(false);
    expect(() => registry.remove('tiny')).toThrow('no model "tiny" is installed');
  });
});
