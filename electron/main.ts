// The main process: owns the window, serves the renderer from app://, relays IPC to the engine worker.
// It never does heavy work itself. Runs only as the CommonJS bundle in dist/electron (see scripts/build.ts).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, app, dialog, net, protocol, safeStorage, session } from 'electron';
import { FORMATS } from '../shared/types.ts';
import { createDispatcher } from './engine/dispatch.ts';
import type { EngineWorker } from './engine/worker-client.ts';
import { startEngineWorker } from './engine/worker-client.ts';
import { FileGrants, guardFileAccess } from './file-grants.ts';
import { forwardEngineEvents, registerFileGrants, registerIpcHandlers } from './ipc.ts';
import { keychainVault } from './keychain.ts';
import { withTeamCredentials } from './team-credentials.ts';
import {
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  REMOTE_URL_PATTERNS,
  denyNavigation,
  denyPermission,
  denyWindowOpen,
  resolveAppFile,
  webPreferences,
} from './window-security.ts';

const RENDERER_DIR = path.join(__dirname, '..', 'renderer');
/** How long quitting waits for the engine to checkpoint; a stuck worker must not keep the app open. */
const QUIT_TIMEOUT_MS = 10_000;

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

/** Catalogs live in the user-data folder; SHELFSCOPE_DATA_DIR points a test run at a temp folder instead. */
function dataDir(): string {
  return process.env.SHELFSCOPE_DATA_DIR || app.getPath('userData');
}

/** The worker and the native modules it loads are unpacked from the asar (see electron-builder.yml). */
function unpacked(file: string): string {
  return app.isPackaged
    ? file.replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`)
    : file;
}

function modelsDir(): string {
  return app.isPackaged ? path.join(process.resourcesPath, 'models') : path.join(app.getAppPath(), 'models');
}

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, RENDERER_DIR, path.sep as '/' | '\\');
    const response = file ? await net.fetch(pathToFileURL(file).toString()).catch(() => null) : null;
    if (!response) return new Response('Not found', { status: 404 });
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(denyPermission);
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest({ urls: REMOTE_URL_PATTERNS }, (_details, callback) =>
    callback({ cancel: true }),
  );
}

function lockDownContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', denyNavigation);
    contents.on('will-redirect', denyNavigation);
    contents.on('will-attach-webview', denyNavigation);
    contents.setWindowOpenHandler(denyWindowOpen);
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Shelfscope',
    webPreferences: { ...webPreferences, preload: path.join(__dirname, 'preload.cjs') },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

async function pickFile(): Promise<{ path: string } | null> {
  const owner = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options: Electron.OpenDialogOptions = {
    title: 'Import a product catalog',
    properties: ['openFile'],
    filters: [
      { name: 'Product catalogs', extensions: [...FORMATS, 'gz'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : { path: result.filePaths[0] };
}

/** Where an export goes: the native save dialog, starting from the name the renderer proposes. */
async function pickSaveFile({ defaultName }: { defaultName: string }): Promise<{ path: string } | null> {
  const owner = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options: Electron.SaveDialogOptions = {
    title: 'Export products',
    defaultPath: path.basename(defaultName),
    filters: [
      { name: 'CSV (UTF-8)', extensions: ['csv'] },
      { name: 'Excel workbook', extensions: ['xlsx'] },
    ],
  };
  const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : { path: result.filePath };
}

/** A model folder (a sentence-transformers export) or a .zip of one. */
async function pickModelSource({ kind }: { kind: 'folder' | 'zip' }): Promise<{ path: string } | null> {
  const owner = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options: Electron.OpenDialogOptions =
    kind === 'folder'
      ? { title: 'Add a model folder', properties: ['openDirectory'] }
      : {
          title: 'Add a model .zip',
          properties: ['openFile'],
          filters: [{ name: 'Zip archives', extensions: ['zip'] }],
        };
  const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : { path: result.filePaths[0] };
}

function start(): void {
  serveRenderer();
  lockDownSession();
  const engine: EngineWorker = startEngineWorker({
    workerPath: unpacked(path.join(__dirname, 'engine-worker.mjs')),
    dataDir: dataDir(),
    modelsDir: modelsDir(),
  });
  const grants = new FileGrants();
  registerFileGrants(grants);
  registerIpcHandlers(
    createDispatcher(
      guardFileAccess(
        withTeamCredentials(
          { ...engine, pickFile, pickSaveFile, pickModelSource },
          keychainVault(dataDir(), safeStorage),
        ),
        grants,
      ),
    ),
  );
  forwardEngineEvents(engine, () => BrowserWindow.getAllWindows().map((win) => win.webContents));
  createWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    // Let the engine checkpoint its index and close SQLite before the process ends.
    closing = true;
    event.preventDefault();
    const giveUp = new Promise<void>((resolve) => setTimeout(resolve, QUIT_TIMEOUT_MS));
    void Promise.race([engine.close(), giveUp]).finally(() => app.quit());
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  lockDownContents();
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  void app.whenReady().then(start);
}
