import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ModelInfo } from '../../../shared/types.ts';
import type { ModelProvider } from '../catalog-service.ts';
import type { ModelIdentity } from '../catalog-handle.ts';
import { readManifest as readCatalogManifest } from '../catalog-handle.ts';
import { readModelManifest } from '../embed/manifest.ts';
import { EngineError } from '../errors.ts';
import { createModelProvider, DEFAULT_MODEL, INDEX_THREADS } from '../models.ts';
import { ensureFreeSpace } from './disk-space.ts';
import { downloadFile } from './download.ts';
import { DEFAULT_HUB_URL, HUB_ID, listHubExport } from './hub.ts';
import { probeIsolated } from './isolated-probe.ts';
import { readStExport } from './st-export.ts';
import { unpackExport } from './zip-export.ts';

export const MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** What an install records beside the manifest. */
interface InstallRecord {
  source: string;
  addedAt: string;
  textsPerSec: number;
  normalizes: boolean;
}

export type ModelJobPhase = 'reading' | 'downloading' | 'checking';

export interface AddOptions {
  name?: string;
  /** For a URL to a .zip: the sha256 the download must have. */
  sha256?: string;
  signal?: AbortSignal;
  onProgress?: (phase: ModelJobPhase, done: number, total: number) => void;
}

const ZIP_URL = /\.zip(?:$|[?#])/i;

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/\.zip$/, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .slice(0, 64);
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * The models this machine has: the bundled ones (read-only, beside the app) and those the user added
 * (under `<dataDir>/models/<name>/`, each with the manifest the engine reads). Also remembers which
 * catalog folder uses which model, for the list and to refuse removing a model in use.
 */
export class ModelRegistry {
  readonly bundledDir: string;
  readonly userDir: string;
  readonly hubUrl: string;
  private readonly providers = new Map<string, ModelProvider>();

  constructor(opts: { bundledDir: string; dataDir: string; hubUrl?: string }) {
    this.bundledDir = opts.bundledDir;
    this.userDir = path.join(opts.dataDir, 'models');
    this.hubUrl = opts.hubUrl ?? process.env.SHELFSCOPE_HUB_URL ?? DEFAULT_HUB_URL;
    // An install a crash interrupted leaves its staging folder; nothing refers to it.
    for (const name of fs.existsSync(this.userDir) ? fs.readdirSync(this.userDir) : []) {
      if (name.startsWith('.staging-'))
        fs.rmSync(path.join(this.userDir, name), { recursive: true, force: true });
    }
  }

  private installed(parent: string): string[] {
    if (!fs.existsSync(parent)) return [];
    return fs
      .readdirSync(parent)
      .filter((n) => !n.startsWith('.') && fs.existsSync(path.join(parent, n, 'manifest.json')))
      .sort();
  }

  names(): string[] {
    return [...new Set([...this.installed(this.bundledDir), ...this.installed(this.userDir)])];
  }

  isBuiltIn(name: string): boolean {
    return this.installed(this.bundledDir).includes(name);
  }

  has(name: string): boolean {
    return this.names().includes(name);
  }

  dirOf(name: string): string {
    if (this.isBuiltIn(name)) return path.join(this.bundledDir, name);
    if (this.installed(this.userDir).includes(name)) return path.join(this.userDir, name);
    throw new EngineError(
      'not-found',
      `no model "${name}" is installed (installed: ${this.names().join(', ')})`,
    );
  }

  provider(name: string): ModelProvider {
    let provider = this.providers.get(name);
    if (!provider) {
      provider = createModelProvider(path.dirname(this.dirOf(name)), name);
      this.providers.set(name, provider);
    }
    return provider;
  }

  defaultProvider(): ModelProvider {
    return this.provider(DEFAULT_MODEL);
  }

  /**
   * The provider a catalog embedded with `model` must use: that model if it is installed with the
   * same version and dimensions, else none — the catalog is then re-embedded, never searched with
   * vectors of another space.
   */
  providerFor(model: ModelIdentity): ModelProvider | null {
    if (!this.has(model.name)) return null;
    const provider = this.provider(model.name);
    const id = provider.identity;
    return id.version === model.version && id.dimensions === model.dimensions ? provider : null;
  }

  private catalogsFile(): string {
    return path.join(this.userDir, 'catalogs.json');
  }

  private knownCatalogs(): string[] {
    try {
      return JSON.parse(fs.readFileSync(this.catalogsFile(), 'utf8')) as string[];
    } catch {
      return [];
    }
  }

  /** Remembers a catalog folder (opened by the app or the CLI), so the list can say which model it uses. */
  recordCatalog(dir: string): void {
    const known = this.knownCatalogs();
    if (known.includes(dir)) return;
    fs.mkdirSync(this.userDir, { recursive: true });
    const tmp = `${this.catalogsFile()}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify([...known, dir], null, 2));
    fs.renameSync(tmp, this.catalogsFile());
  }

  /** Known catalog folders whose manifest names `model`; folders deleted since are skipped. */
  catalogsUsing(model: string): { dir: string; name: string }[] {
    return this.knownCatalogs().flatMap((dir) => {
      try {
        const manifest = readCatalogManifest(dir);
        return manifest.model.name === model ? [{ dir, name: manifest.name }] : [];
      } catch {
        return [];
      }
    });
  }

  async describe(name: string): Promise<ModelInfo> {
    const dir = this.dirOf(name);
    const manifest = await readModelManifest(dir);
    const record = this.readRecord(dir);
    return {
      name,
      dimensions: manifest.dimensions,
      maxTokens: manifest.maxTokens,
      pooling: manifest.pooling,
      bytes: dirBytes(dir),
      textsPerSec: record?.textsPerSec ?? null,
      builtIn: this.isBuiltIn(name),
      isDefault: name === DEFAULT_MODEL,
      source: record?.source ?? null,
      addedAt: record?.addedAt ?? null,
      catalogs: this.catalogsUsing(name),
    };
  }

  private readRecord(dir: string): InstallRecord | null {
    const file = path.join(dir, 'install.json');
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as InstallRecord;
    // Bundled models are measured once on this machine, the first time they are listed.
    const speeds = path.join(this.userDir, `${path.basename(dir)}.speed.json`);
    return fs.existsSync(speeds) ? (JSON.parse(fs.readFileSync(speeds, 'utf8')) as InstallRecord) : null;
  }

  /** Measures a bundled model's speed on this machine once (trusted files: in this process). */
  async measureBuiltIn(name: string): Promise<void> {
    const file = path.join(this.userDir, `${name}.speed.json`);
    if (!this.isBuiltIn(name) || fs.existsSync(file)) return;
    const { measureSpeed } = await import('./probe.ts');
    const textsPerSec = await measureSpeed(this.dirOf(name), INDEX_THREADS);
    const record: InstallRecord = {
      source: 'bundled with Shelfscope',
      addedAt: new Date().toISOString(),
      textsPerSec,
      normalizes: true,
    };
    fs.writeFileSync(file, JSON.stringify(record, null, 2));
  }

  async list(): Promise<ModelInfo[]> {
    return Promise.all(this.names().map((n) => this.describe(n)));
  }

  /** A folder or .zip on this machine, a URL of a .zip, or a hub id ("owner/name") or its URL. */
  async add(source: string, opts: AddOptions = {}): Promise<ModelInfo> {
    const hubId = this.hubIdOf(source);
    if (hubId) return this.addFromHub(hubId.id, hubId.hubUrl, opts);
    if (/^https?:\/\//i.test(source)) {
      if (!ZIP_URL.test(source)) {
        throw new EngineError(
          'invalid-input',
          `${source}: a URL must point to a .zip of an export or to a model repository (${this.hubUrl}/OWNER/NAME)`,
        );
      }
      return this.addFromZipUrl(source, opts);
    }
    const resolved = path.resolve(source);
    if (!fs.existsSync(resolved)) throw new EngineError('bad-file', `${source}: no such folder or file`);
    if (fs.statSync(resolved).isDirectory()) {
      return this.install(resolved, opts.name ?? slug(path.basename(resolved)), resolved, opts, false);
    }
    if (!resolved.toLowerCase().endsWith('.zip')) {
      throw new EngineError('bad-file', `${source}: give a model folder or a .zip of one`);
    }
    return this.addFromZip(resolved, resolved, opts);
  }

  private hubIdOf(source: string): { id: string; hubUrl: string } | null {
    if (HUB_ID.test(source) && !fs.existsSync(source)) return { id: source, hubUrl: this.hubUrl };
    const match = /^(https?:\/\/[^/]+)\/([^/?#]+\/[^/?#]+)\/?$/.exec(source);
    return match && HUB_ID.test(match[2]) && !ZIP_URL.test(source)
      ? { id: match[2], hubUrl: match[1] }
      : null;
  }

  private async addFromZip(zip: string, source: string, opts: AddOptions): Promise<ModelInfo> {
    const unpacked = path.join(this.userDir, `.staging-${randomUUID()}`);
    try {
      opts.onProgress?.('reading', 0, 0);
      await unpackExport(zip, unpacked);
      return await this.install(unpacked, opts.name ?? slug(path.basename(zip)), source, opts, true);
    } finally {
      fs.rmSync(unpacked, { recursive: true, force: true });
    }
  }

  private downloadsDir(key: string): string {
    return path.join(this.userDir, '.downloads', createHash('sha1').update(key).digest('hex').slice(0, 16));
  }

  private async addFromZipUrl(url: string, opts: AddOptions): Promise<ModelInfo> {
    const dir = this.downloadsDir(url);
    const zip = path.join(dir, 'model.zip');
    const name = opts.name ?? slug(path.basename(new URL(url).pathname));
    this.checkName(name);
    if (!fs.existsSync(zip)) {
      await downloadFile(url, zip, {
        digest: opts.sha256 ? { sha256: opts.sha256 } : undefined,
        signal: opts.signal,
        onBytes: (done, total) => {
          if (done === 0 && total !== null) ensureFreeSpace(dir, 2 * total, `downloading ${url}`);
          opts.onProgress?.('downloading', done, total ?? 0);
        },
      });
    }
    const info = await this.addFromZip(zip, url, { ...opts, name });
    fs.rmSync(dir, { recursive: true, force: true });
    return info;
  }

  private async addFromHub(id: string, hubUrl: string, opts: AddOptions): Promise<ModelInfo> {
    const name = opts.name ?? slug(id.split('/')[1]);
    this.checkName(name);
    const files = await listHubExport(hubUrl, id, opts.signal);
    const dir = this.downloadsDir(`${hubUrl}/${id}`);
    const total = files.reduce((n, f) => n + f.size, 0);
    const present = (f: { path: string }) => fs.existsSync(path.join(dir, f.path));
    ensureFreeSpace(
      this.userDir,
      files.filter((f) => !present(f)).reduce((n, f) => n + f.size, 0),
      `downloading ${id}`,
    );
    let finished = files.filter(present).reduce((n, f) => n + f.size, 0);
    for (const file of files.filter((f) => !present(f))) {
      await downloadFile(file.url, path.join(dir, file.path), {
        digest: file.digest,
        signal: opts.signal,
        onBytes: (done) => opts.onProgress?.('downloading', finished + done, total),
      });
      finished += file.size;
    }
    const info = await this.install(dir, name, `${hubUrl}/${id}`, opts, true);
    fs.rmSync(dir, { recursive: true, force: true });
    return info;
  }

  private checkName(name: string): void {
    if (!MODEL_NAME.test(name)) {
      throw new EngineError(
        'invalid-input',
        `"${name}" cannot name a model: use lowercase letters, digits, dots, dashes and underscores`,
      );
    }
    if (this.has(name))
      throw new EngineError(
        'invalid-input',
        `a model named "${name}" is installed already: remove it first or choose another name`,
      );
  }

  /**
   * Copies (or moves, from a folder of our own) the export's files into a staging folder, checks and
   * measures the model there in an isolated process, writes its manifest, and only then renames the
   * folder into place: a model that fails any check is never listed.
   */
  private async install(
    src: string,
    name: string,
    source: string,
    opts: AddOptions,
    move: boolean,
  ): Promise<ModelInfo> {
    this.checkName(name);
    const exp = readStExport(src);
    const staging = path.join(this.userDir, `.staging-${randomUUID()}`);
    fs.mkdirSync(staging, { recursive: true });
    try {
      opts.onProgress?.('reading', 0, exp.files.length);
      const bytes = exp.files.reduce((n, f) => n + fs.statSync(path.join(src, f)).size, 0);
      if (!move) ensureFreeSpace(this.userDir, bytes, `copying ${name}`);
      exp.files.forEach((file, i) => {
        const target = path.join(staging, file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        if (move) fs.renameSync(path.join(src, file), target);
        else fs.copyFileSync(path.join(src, file), target);
        opts.onProgress?.('reading', i + 1, exp.files.length);
      });
      opts.onProgress?.('checking', 0, 1);
      const version = (await sha256Of(path.join(staging, exp.onnx))).slice(0, 16);
      const probe = await probeIsolated(
        {
          dir: staging,
          name,
          version,
          onnx: exp.onnx,
          pooling: exp.pooling,
          maxTokens: exp.maxTokens,
          intraOpThreads: INDEX_THREADS,
        },
        opts.signal,
      );
      const record: InstallRecord = {
        source,
        addedAt: new Date().toISOString(),
        textsPerSec: probe.textsPerSec,
        normalizes: exp.normalizes,
      };
      fs.writeFileSync(path.join(staging, 'install.json'), JSON.stringify(record, null, 2));
      opts.onProgress?.('checking', 1, 1);
      this.checkName(name);
      fs.renameSync(staging, path.join(this.userDir, name));
    } catch (e) {
      fs.rmSync(staging, { recursive: true, force: true });
      if ((e as { code?: string }).code === 'cancelled')
        throw new EngineError('cancelled', 'adding the model was cancelled');
      if (e instanceof EngineError) throw e;
      throw new EngineError('bad-file', `${name}: ${(e as Error).message}`);
    }
    return this.describe(name);
  }

  /** Deletes a model the user added; a bundled one, or one a catalog uses, is refused. */
  remove(name: string): void {
    if (this.isBuiltIn(name))
      throw new EngineError('invalid-input', `"${name}" comes with Shelfscope and cannot be removed`);
    const dir = this.dirOf(name);
    const users = this.catalogsUsing(name);
    if (users.length) {
      throw new EngineError(
        'busy',
        `"${name}" is used by ${users.map((u) => `"${u.name}"`).join(', ')}: re-embed ${users.length === 1 ? 'that catalog' : 'those catalogs'} with another model first`,
      );
    }
    void this.providers
      .get(name)
      ?.release?.()
      .catch(() => undefined);
    this.providers.delete(name);
    // Renamed away first, so a crash mid-delete never leaves a half model under its name.
    const doomed = path.join(this.userDir, `.staging-${randomUUID()}`);
    fs.renameSync(dir, doomed);
    fs.rmSync(doomed, { recursive: true, force: true });
  }
}
