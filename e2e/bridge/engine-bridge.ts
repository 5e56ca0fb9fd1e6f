// Connects a Chromium page to a real engine in the test process: calls go through the same dispatcher
// ipc.ts uses (page.exposeBinding), events come back with page.evaluate.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { buildSync } from 'esbuild';
import { eventNames } from '../../shared/api.ts';
import { createDispatcher } from '../../electron/engine/dispatch.ts';
import type { Dispatcher } from '../../electron/engine/dispatch.ts';
import { createEngine } from '../../electron/engine/engine.ts';
import { FileGrants, guardFileAccess } from '../../electron/file-grants.ts';

const pageApiSource = fileURLToPath(new URL('./page-api.ts', import.meta.url));
let pageApiScript: string | null = null;

function pageApi(): string {
  pageApiScript ??= buildSync({
    entryPoints: [pageApiSource],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
  }).outputFiles[0].text;
  return pageApiScript;
}

export interface EngineBridge {
  dataDir: string;
  /** The path the next pickFile call returns, as if the user chose it in the dialog. */
  pickNext(file: string): void;
  /** The path the next pickSaveFile call returns, as if the user chose it in the save dialog. */
  saveNext(file: string): void;
  /** Closes the engine as quitting the app would, and opens a new one on the same data. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

type Running = { dispatch: Dispatcher; close(): Promise<void> };

/** A real engine over `dataDir`, its calls served by the shared dispatcher and its events pushed into the page. */
async function startEngine(
  page: Page,
  dataDir: string,
  pickFile: () => Promise<{ path: string } | null>,
  grants: FileGrants,
  pickSaveFile: () => Promise<{ path: string } | null>,
): Promise<Running> {
  const engine = await createEngine({ dataDir });
  // One dialog stand-in for both open pickers: the next path the test names is what the user chose.
  const dispatch = createDispatcher(
    guardFileAccess({ ...engine, pickFile, pickSaveFile, pickModelSource: pickFile }, grants),
    { validateOutput: true },
  );
  const offs = eventNames.map((event) =>
    engine.on(event, (payload) => {
      page
        .evaluate(
          ([name, data]) =>
            (globalThis as { __shelfscopeEmit?: (e: string, p: unknown) => void }).__shelfscopeEmit?.(
              name,
              data,
            ),
          [event, payload] as const,
        )
        .catch(() => undefined);
    }),
  );
  return {
    dispatch,
    async close() {
      offs.forEach((off) => off());
      await engine.close();
    },
  };
}

export async function bridgeEngine(page: Page, files: Record<string, string>): Promise<EngineBridge> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-e2e-'));
  let picked: string | null = null;
  const pickFile = async () => {
    const file = picked;
    picked = null;
    return file ? { path: file } : null;
  };
  let saveTo: string | null = null;
  const pickSaveFile = async () => {
    const file = saveTo;
    saveTo = null;
    return file ? { path: file } : null;
  };
  // The registered files stand for files the user drops on the window: the app grants exactly those.
  const grants = new FileGrants();
  for (const file of Object.values(files)) grants.grant(file);
  let running = await startEngine(page, dataDir, pickFile, grants, pickSaveFile);
  await page.exposeBinding('__shelfscopeInvoke', (_source, method: string, payload: unknown) =>
    running.dispatch(method, payload),
  );
  await page.addInitScript((registered) => {
    (globalThis as { __shelfscopeFiles?: Record<string, string> }).__shelfscopeFiles = registered;
  }, files);
  await page.addInitScript({ content: pageApi() });

  return {
    dataDir,
    pickNext(file) {
      picked = file;
    },
    saveNext(file) {
      saveTo = file;
    },
    async restart() {
      await running.close();
      running = await startEngine(page, dataDir, pickFile, grants, pickSaveFile);
    },
    async close() {
      await running.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
