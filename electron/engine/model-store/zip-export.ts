import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { EngineError } from '../errors.ts';
import { ensureFreeSpace } from './disk-space.ts';
import { exportFilesAmong } from './st-export.ts';

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    ),
  );
}

async function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', resolve);
    zip.once('error', reject);
    zip.readEntry();
  });
  return entries;
}

/**
 * The folder inside the zip that holds the export: its top, or the one folder a hub download wraps
 * it in. Recognised by modules.json, which every sentence-transformers export has.
 */
function exportRoot(names: string[]): string | null {
  const roots = names
    .filter((n) => n === 'modules.json' || n.endsWith('/modules.json'))
    .map((n) => n.slice(0, n.length - 'modules.json'.length))
    .sort((a, b) => a.length - b.length);
  return roots[0] ?? null;
}

/**
 * Unpacks the files of a sentence-transformers export held in a zip into `dest`: only those the
 * model needs (one graph, its configuration), never outside `dest`, after checking there is room.
 */
export async function unpackExport(zipFile: string, dest: string): Promise<void> {
  const name = path.basename(zipFile);
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(zipFile);
  } catch (e) {
    throw new EngineError('bad-file', `${name} is not a readable zip file (${(e as Error).message})`);
  }
  try {
    const entries = (await listEntries(zip)).filter((e) => !e.fileName.endsWith('/'));
    const root = exportRoot(entries.map((e) => e.fileName));
    if (root === null) {
      throw new EngineError(
        'bad-file',
        `${name} is not a sentence-transformers ONNX export: it has no modules.json`,
      );
    }
    const inRoot = entries.filter((e) => e.fileName.startsWith(root));
    const wanted = new Set(exportFilesAmong(inRoot.map((e) => e.fileName.slice(root.length))) ?? []);
    const chosen = inRoot.filter((e) => wanted.has(e.fileName.slice(root.length)));
    ensureFreeSpace(
      dest,
      chosen.reduce((n, e) => n + e.uncompressedSize, 0),
      `unpacking ${name}`,
    );
    fs.mkdirSync(dest, { recursive: true });
    for (const entry of chosen) {
      const relative = entry.fileName.slice(root.length);
      const target = path.resolve(dest, relative);
      if (!target.startsWith(path.resolve(dest) + path.sep)) {
        throw new EngineError(
          'bad-file',
          `${name}: entry ${entry.fileName} points outside the folder it unpacks to`,
        );
      }
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))),
      );
      try {
        // yauzl checks each entry's size against its header, so a zip bomb stops at the size declared.
        await pipeline(stream, fs.createWriteStream(target));
      } catch (e) {
        throw new EngineError(
          'bad-file',
          `${name}: ${entry.fileName} could not be unpacked (${(e as Error).message})`,
        );
      }
    }
  } finally {
    zip.close();
  }
}
