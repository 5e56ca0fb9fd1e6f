// Downloads from a model hub and from a .zip URL, served by a local HTTP server started here (never
// the internet): progress in bytes, a cut transfer resumed with a Range request, digests checked.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import yazl from 'yazl';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultModelsDir } from '../../../electron/engine/embed/models-dir.ts';
import { ModelRegistry } from '../../../electron/engine/model-store/model-registry.ts';
import { writeTinyStExport } from '../../helpers/tiny-st-model.ts';
import { tempDir } from '../helpers.ts';

interface Served {
  path: string;
  range: string | null;
}

const WORDS = ['waterproof', 'hiking', 'boots', 'red', 'cotton'];

describe('downloading a model', () => {
  let root: string;
  let exportDir: string;
  let zipBytes: Buffer;
  let server: http.Server;
  let hub: string;
  const served: Served[] = [];
  /** Bytes of model.onnx the next plain GET sends before the connection is dropped (0: none). */
  let cutAfter = 0;
  /** Bytes per second the server sends model.onnx at (0: as fast as it can). */
  let throttle = 0;

  const files = () =>
    fs
      .readdirSync(exportDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(exportDir, path.join(e.parentPath, e.name)));

  const listing = (overrides: { sha256?: string; size?: number } = {}) =>
    files().map((file) => {
      const bytes = fs.readFileSync(path.join(exportDir, file));
      if (file.endsWith('.onnx')) {
        const sha256 = overrides.sha256 ?? createHash('sha256').update(bytes).digest('hex');
        return {
          type: 'file',
          path: file,
          size: 134,
          oid: 'f'.repeat(40),
          lfs: { oid: sha256, size: overrides.size ?? bytes.length },
        };
      }
      const oid = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
      return { type: 'file', path: file, size: bytes.length, oid };
    });

  function send(res: http.ServerResponse, req: http.IncomingMessage, bytes: Buffer, isOnnx: boolean): void {
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    if (start >= bytes.length && range) {
      res.writeHead(416).end();
      return;
    }
    res.writeHead(range ? 206 : 200, {
      'content-length': bytes.length - start,
      ...(range ? { 'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` } : {}),
    });
    const body = bytes.subarray(start);
    if (isOnnx && !range && cutAfter > 0) {
      const cut = cutAfter;
      cutAfter = 0;
      res.write(body.subarray(0, cut), () => res.socket?.end());
      return;
    }
    if (isOnnx && throttle > 0) {
      let at = 0;
      const step = Math.ceil(throttle / 20);
      const timer = setInterval(() => {
        if (res.destroyed) return clearInterval(timer);
        res.write(body.subarray(at, at + step));
        at += step;
        if (at >= body.length) {
          clearInterval(timer);
          res.end();
        }
      }, 50);
      return;
    }
    res.end(body);
  }

  beforeAll(async () => {
    root = tempDir('shelfscope-download-');
    exportDir = path.join(root, 'export');
    writeTinyStExport(exportDir, { words: WORDS, hidden: 64, maxPositions: 512 });
    fs.rmSync(path.join(exportDir, 'README.md'));
    const zip = new yazl.ZipFile();
    for (const file of files()) zip.addFile(path.join(exportDir, file), `tiny-zip/${file}`);
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    zipBytes = Buffer.concat(chunks);

    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      served.push({ path: url.pathname, range: req.headers.range ?? null });
      const tree = /^\/api\/models\/acme\/([\w-]+)\/tree\/main$/.exec(url.pathname);
      if (tree) {
        const repo = tree[1];
        if (repo === 'missing') return void res.writeHead(404).end('{"error":"Repository not found"}');
        const body =
          repo === 'bad-sha'
            ? listing({ sha256: '0'.repeat(64) })
            : repo === 'huge'
              ? listing({ size: 1e15 })
              : listing();
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      }
      const file = /^\/acme\/[\w-]+\/resolve\/main\/(.+)$/.exec(url.pathname);
      if (file) {
        const bytes = fs.readFileSync(path.join(exportDir, decodeURIComponent(file[1])));
        return send(res, req, bytes, file[1].endsWith('.onnx'));
      }
      if (url.pathname === '/files/tiny.zip') return send(res, req, zipBytes, false);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hub = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(root, { recursive: true, force: true });
  });

  let registry: ModelRegistry;
  let dataDir: string;
  beforeEach(() => {
    served.length = 0;
    cutAfter = 0;
    throttle = 0;
    dataDir = fs.mkdtempSync(path.join(root, 'data-'));
    registry = new ModelRegistry({ bundledDir: defaultModelsDir(), dataDir, hubUrl: hub });
  });

  it('downloads a hub id with progress in bytes, resumes a cut transfer with a Range request, checks every digest', async () => {
    const onnxSize = fs.statSync(path.join(exportDir, 'model.onnx')).size;
    const cut = Math.floor(onnxSize / 3);
    cutAfter = cut;
    const progress: { phase: string; done: number; total: number }[] = [];
    const model = await registry.add('acme/tiny-bert', {
      onProgress: (phase, done, total) => progress.push({ phase, done, total }),
    });
    expect(model).toMatchObject({ name: 'tiny-bert', dimensions: 64, source: `${hub}/acme/tiny-bert` });
    const onnxRequests = served.filter((s) => s.path.endsWith('/model.onnx'));
    expect(onnxRequests).toEqual([
      { path: '/acme/tiny-bert/resolve/main/model.onnx', range: null },
      { path: '/acme/tiny-bert/resolve/main/model.onnx', range: `bytes=${cut}-` },
    ]);
    // The PyTorch-free listing is fetched whole: each file of the export once, the graph twice.
    expect(served.filter((s) => s.path.includes('/resolve/')).length).toBe(files().length + 1);
    const total = files().reduce((n, f) => n + fs.statSync(path.join(exportDir, f)).size, 0);
    const downloads = progress.filter((p) => p.phase === 'downloading');
    expect(downloads.every((p) => p.total === total)).toBe(true);
    expect(downloads.at(-1)?.done).toBe(total);
    expect(downloads.map((p) => p.done)).toEqual([...downloads.map((p) => p.done)].sort((a, b) => a - b));
    expect(fs.readFileSync(path.join(dataDir, 'models', 'tiny-bert', 'model.onnx'))).toEqual(
      fs.readFileSync(path.join(exportDir, 'model.onnx')),
    );
    expect(fs.existsSync(path.join(dataDir, 'models', '.downloads'))).toBe(true);
    expect(fs.readdirSync(path.join(dataDir, 'models', '.downloads'))).toEqual([]);
  });

  it('resumes a download cancelled halfway (as after a crash) from the bytes it kept', async () => {
    throttle = 200_000;
    const abort = new AbortController();
    const first = registry.add(`${hub}/acme/tiny-bert`, {
      signal: abort.signal,
      onProgress: (phase, done) => {
        if (phase === 'downloading' && done > 60_000) abort.abort();
      },
    });
    await expect(first).rejects.toThrow('cancelled');
    const kept = fs
      .readdirSync(path.join(dataDir, 'models', '.downloads'), { recursive: true })
      .map(String)
      .find((f) => f.endsWith('model.onnx.partial'));
    expect(kept).toBeDefined();
    const keptBytes = fs.statSync(path.join(dataDir, 'models', '.downloads', kept!)).size;
    expect(keptBytes).toBeGreaterThan(0);
    throttle = 0;
    served.length = 0;
    const model = await registry.add('acme/tiny-bert');
    expect(model.dimensions).toBe(64);
    expect(served.find((s) => s.path.endsWith('/model.onnx'))?.range).toBe(`bytes=${keptBytes}-`);
  });

  it('refuses a file whose sha256 is not the one the hub lists, and deletes it', async () => {
    await expect(registry.add('acme/bad-sha')).rejects.toThrow(
      /model\.onnx: downloaded file's sha256 is [0-9a-f]{64}, expected 0{64}; it was deleted/,
    );
    expect(registry.names()).not.toContain('bad-sha');
    const left = fs.readdirSync(path.join(dataDir, 'models', '.downloads'), { recursive: true }).map(String);
    expect(left.some((f) => f.endsWith('model.onnx') || f.endsWith('model.onnx.partial'))).toBe(false);
  });

  it('checks the disk space before downloading anything', async () => {
    await expect(registry.add('acme/huge')).rejects.toThrow(
      /not enough disk space for downloading acme\/huge: it needs 1,000,000,00\d MB \(plus \d+ MB to spare\) and [\d,]+ MB are free/,
    );
    expect(served.filter((s) => s.path.includes('/resolve/'))).toEqual([]);
  });

  it('downloads a .zip URL and checks the sha256 given with it', async () => {
    const sha256 = createHash('sha256').update(zipBytes).digest('hex');
    await expect(registry.add(`${hub}/files/tiny.zip`, { sha256: 'a'.repeat(64) })).rejects.toThrow(
      `model.zip: downloaded file's sha256 is ${sha256}, expected ${'a'.repeat(64)}; it was deleted`,
    );
    const model = await registry.add(`${hub}/files/tiny.zip`, { sha256 });
    expect(model).toMatchObject({ name: 'tiny', dimensions: 64 });
  });

  it('says when it is offline or the model does not exist, and points to adding from a folder', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const offline = new ModelRegistry({
      bundledDir: defaultModelsDir(),
      dataDir,
      hubUrl: `http://127.0.0.1:${port}`,
    });
    await expect(offline.add('sentence-transformers/all-MiniLM-L6-v2')).rejects.toThrow(
      `offline: 127.0.0.1:${port} cannot be reached (ECONNREFUSED). Download the model on a machine with internet access, copy its folder or .zip here and use "Add from folder" (shelfscope models add DIR|ZIP)`,
    );
    await expect(registry.add('acme/missing')).rejects.toThrow(`no model "acme/missing" on 127.0.0.1:`);
    // A request fetch refuses to make says why, not just "fetch failed".
    const unsafe = new ModelRegistry({
      bundledDir: defaultModelsDir(),
      dataDir,
      hubUrl: 'http://127.0.0.1:9',
    });
    await expect(unsafe.add('acme/tiny-bert')).rejects.toThrow('127.0.0.1:9: bad port');
    await expect(registry.add(`${hub}/some/page.html?x=1`)).rejects.toThrow(
      'a URL must point to a .zip of an export or to a model repository',
    );
  });
});
