// `npm start` (after `npm run build`): launches Electron on dist/. The electron package fetches its binary
// on first use; when that is impossible, say what is wrong and how to fix it instead of a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { electronInstallScript, findElectronBinary } from './electron-binary.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const main = fileURLToPath(new URL('../dist/electron/main.cjs', import.meta.url));

function explain(reason: string): never {
  console.error(
    [
      `Shelfscope cannot start: ${reason}.`,
      '',
      'The electron npm package downloads its binary from GitHub the first time it runs, and that did not work.',
      'To get it:',
      '  • with internet access: delete node_modules/electron, run `npm install`, then `npx install-electron --no`;',
      '  • behind a mirror: set ELECTRON_MIRROR (e.g. https://npmmirror.com/mirrors/electron/) and run `npm start` again;',
      '  • offline: unzip an electron-v<version>-<platform>-<arch>.zip matching node_modules/electron/package.json',
      '    somewhere and set ELECTRON_OVERRIDE_DIST_PATH to that folder.',
    ].join('\n'),
  );
  process.exit(1);
}

if (!fs.existsSync(main)) explain('dist/electron/main.cjs is missing; run `npm run build` first');

let binary = findElectronBinary();
if ('missing' in binary) {
  console.log(`Electron binary not found (${binary.missing}); trying to download it…`);
  const fetched = spawnSync(process.execPath, [electronInstallScript], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout: 300_000,
  });
  binary = findElectronBinary();
  if ('missing' in binary) {
    const why = fetched.stderr?.trim().split('\n')[0] || fetched.error?.message || binary.missing;
    explain(`the Electron binary is missing and could not be downloaded (${why})`);
  }
}

const child = spawn(binary.path, [root], { stdio: 'inherit' });
child.on('error', (err) => explain(`${binary.path} failed to run (${err.message})`));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
