// Finds the Electron executable the `electron` npm package would run, without its side effect:
// require('electron') starts a download when the binary is missing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('../node_modules/electron/', import.meta.url));

export type ElectronBinary = { path: string } | { missing: string };

export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  if (!fs.existsSync(path.join(packageDir, 'package.json'))) {
    return { missing: 'the electron package is not installed (run npm install)' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return fs.existsSync(binary)
      ? { path: binary }
      : { missing: `ELECTRON_OVERRIDE_DIST_PATH has no ${binary}` };
  }
  if (!relative)
    return {
      missing: 'the Electron binary has not been downloaded yet (node_modules/electron/path.txt is absent)',
    };
  const binary = path.join(packageDir, 'dist', relative);
  return fs.existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` };
}

export const electronInstallScript = path.join(packageDir, 'install.js');
