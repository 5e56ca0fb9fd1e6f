// Builds everything Electron loads into dist/: the renderer with Vite; the main process and preload with
// esbuild as CommonJS (what package.json's "main" and a sandboxed preload require); the worker threads as
// ES modules, because the engine's workers use top-level await.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import type { BuildOptions, Plugin } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Packages with native binaries load from node_modules (unpacked from the asar when packaged). */
const NATIVE = ['electron', 'better-sqlite3', 'usearch', 'onnxruntime-node'];

/** Worker threads: the source that spawns each refers to it as `new URL('./<name>.ts', import.meta.url)`. */
const WORKERS: Record<string, string> = {
  'electron/engine/worker.ts': 'engine-worker',
  // The model probe: a child process or a worker thread the engine starts to check a model it adds.
  'electron/engine/model-store/probe-child.ts': 'model-probe',
};

const workerOutputs = new Map(Object.entries(WORKERS).map(([src, out]) => [path.join(root, src), out]));

/** Points `new URL('./x.ts', import.meta.url)` at the bundled worker next to the bundle that spawns it. */
const workerUrls: Plugin = {
  name: 'worker-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace(
        /new URL\((['"])(\.{1,2}\/[^'"]+\.ts)\1, import\.meta\.url\)/g,
        (whole, _quote: string, relative: string) => {
          const bundled = workerOutputs.get(path.resolve(path.dirname(args.path), relative));
          return bundled ? `new URL('./${bundled}.mjs', import.meta.url)` : whole;
        },
      );
      return { contents, loader: 'ts' };
    });
  },
};

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  minify: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [workerUrls],
};

const commonjs: BuildOptions = {
  ...common,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  // import.meta.url has no CommonJS equivalent; give each bundle its own file URL.
  define: { ...common.define, 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
};

const esm: BuildOptions = {
  ...common,
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  // CommonJS dependencies inlined into an ES module still call require() and read __dirname.
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { dirname as __pathDirname } from 'node:path';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      'const __dirname = __pathDirname(__filename);',
    ].join('\n'),
  },
};

/** Builds into `distDir` (dist/ by default): renderer/ and electron/. */
export async function buildAll(distDir = path.join(root, 'dist')): Promise<void> {
  const started = Date.now();
  const outdir = path.join(distDir, 'electron');
  await viteBuild({
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: path.join(distDir, 'renderer') },
  });
  await Promise.all([
    esbuild({
      ...commonjs,
      outdir,
      entryPoints: { main: path.join(root, 'electron/main.ts') },
      external: NATIVE,
    }),
    // A sandboxed preload may require only 'electron'; everything else is inlined.
    esbuild({
      ...commonjs,
      outdir,
      entryPoints: { preload: path.join(root, 'electron/preload.ts') },
      external: ['electron'],
    }),
    esbuild({
      ...esm,
      outdir,
      entryPoints: Object.fromEntries(
        Object.entries(WORKERS).map(([src, out]) => [out, path.join(root, src)]),
      ),
      external: NATIVE,
    }),
  ]);
  console.log(
    `built ${path.relative(root, distDir) || distDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

/**
 * One Node entry (a CLI, a benchmark child) bundled like the engine the app ships: an ES module with
 * the native packages left to node_modules. Write it under the repo (dist/) so those resolve to the
 * repo's own copies.
 */
export async function buildNodeBundle(entry: string, outfile: string): Promise<void> {
  await esbuild({ ...esm, entryPoints: [entry], outfile, external: NATIVE });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildAll();
