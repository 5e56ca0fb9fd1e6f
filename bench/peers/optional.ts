import fs from 'node:fs';
import path from 'node:path';

// Peers live in bench/node_modules (npm install --prefix bench), never in the app's dependencies.
// Each is imported by name at run time so the suite runs, and says why, when one is not installed.

export type Loaded<T> = { ok: true; module: T } | { ok: false; reason: string };

export async function importPeer<T>(specifier: string): Promise<Loaded<T>> {
  try {
    return { ok: true, module: (await import(specifier)) as T };
  } catch (e) {
    return {
      ok: false,
      reason: `${specifier} is not installed or failed to load (${(e as Error).message.split('\n')[0]}); run \`npm install --prefix bench\``,
    };
  }
}

/** The installed version of a peer package (read from disk: some packages do not export package.json). */
export function peerVersion(name: string): string | null {
  try {
    const file = path.join(import.meta.dirname, '../node_modules', name, 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}
