// One fixture, two targets: the built renderer in Chromium bridged to a real engine in this process, or the
// real Electron app. Specs use only what both can do, so the same journeys run against either.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { ShelfscopeApi } from '../shared/api.ts';
import { findElectronBinary } from '../scripts/electron-binary.ts';
import { bridgeEngine } from './bridge/engine-bridge.ts';

export type Target = 'bridge' | 'electron';

/** What page-side callbacks may use; this project type-checks e2e without the DOM library. */
type PageWindow = {
  shelfscope: ShelfscopeApi;
  DataTransfer: new () => { items: { add(file: File): void } };
};

const root = fileURLToPath(new URL('..', import.meta.url));
const fixturesDir = path.join(root, 'e2e', 'fixtures');
const SCREENSHOTS_DIR = path.join(root, 'docs', 'screenshots');

export const fixturePath = (name: string) => path.join(fixturesDir, name);
const fixtureFiles = () =>
  Object.fromEntries(fs.readdirSync(fixturesDir).map((name) => [name, fixturePath(name)]));

export interface Shelf {
  page: Page;
  target: Target;
  /** Uncaught errors and policy violations seen so far; the journey fails if any are left at the end. */
  problems: string[];
  /** Makes the next "Choose a file…" return this fixture (or absolute path), as if picked in the native dialog. */
  pickNext(file: string): Promise<void>;
  /** Makes the next save dialog (an export) return this absolute path, as if chosen by the user. */
  saveNext(file: string): Promise<void>;
  /** Quits and restarts the engine on the same data, then reloads the window; null where unsupported. */
  restart: (() => Promise<void>) | null;
  /** Drops a fixture on the window with a real DataTransfer holding its bytes and name. */
  drop(fixture: string): Promise<void>;
  /** Imports a fixture into a new catalog through window.shelfscope and waits until it is indexed. */
  seed(fixture: string, name: string): Promise<string>;
  screenshot(name: string): Promise<void>;
}

type Options = { target: Target };

let explainedSkip = false;

export const test = base.extend<Options & { shelf: Shelf }>({
  target: ['bridge', { option: true }],
  shelf: async ({ target, browser }, use, testInfo) => {
    if (target === 'electron') {
      const binary = findElectronBinary();
      if ('missing' in binary) {
        if (!explainedSkip) console.log(`[e2e] skipping the Electron variant: ${binary.missing}`);
        explainedSkip = true;
        testInfo.skip(true, binary.missing);
        return;
      }
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-electron-'));
      const app = await _electron.launch({
        executablePath: binary.path,
        // The app folder, as npm start runs it: package.json's main is dist/electron/main.cjs.
        args: [root, '--no-sandbox'],
        env: { ...process.env, SHELFSCOPE_DATA_DIR: dataDir } as Record<string, string>,
      });
      const page = await app.firstWindow();
      const problems = watchProblems(page);
      await page.setViewportSize({ width: 1280, height: 800 });
      await use(
        shelfOn(page, target, problems, {
          pickNext: (file) =>
            app.evaluate(({ dialog }, picked) => {
              dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [picked] })) as never;
            }, file),
          saveNext: (file) =>
            app.evaluate(({ dialog }, chosen) => {
              dialog.showSaveDialog = (async () => ({ canceled: false, filePath: chosen })) as never;
            }, file),
        }),
      );
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      expect(problems).toEqual([]);
      return;
    }
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const problems = watchProblems(page);
    const bridge = await bridgeEngine(page, fixtureFiles());
    await page.goto('/');
    await use(
      shelfOn(page, target, problems, {
        pickNext: async (file) => bridge.pickNext(file),
        saveNext: async (file) => bridge.saveNext(file),
        restart: async () => {
          await bridge.restart();
          await page.reload();
        },
      }),
    );
    await context.close();
    await bridge.close();
    expect(problems).toEqual([]);
  },
});

/** Uncaught exceptions and policy violations fail the journey even when the screen looks right. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
      problems.push(message.text());
    }
  });
  return problems;
}

function shelfOn(
  page: Page,
  target: Target,
  problems: string[],
  host: {
    pickNext(file: string): Promise<void>;
    saveNext(file: string): Promise<void>;
    restart?: () => Promise<void>;
  },
): Shelf {
  return {
    page,
    target,
    problems,
    restart: host.restart ?? null,
    pickNext: (file) => host.pickNext(path.isAbsolute(file) ? file : fixturePath(file)),
    saveNext: (file) => host.saveNext(file),
    async drop(fixture) {
      const bytes = [...fs.readFileSync(fixturePath(fixture))];
      const dataTransfer = await page.evaluateHandle(
        ({ data, name }) => {
          const transfer = new (globalThis as unknown as PageWindow).DataTransfer();
          transfer.items.add(new File([new Uint8Array(data)], name, { type: 'text/csv' }));
          return transfer;
        },
        { data: bytes, name: fixture },
      );
      for (const type of ['dragenter', 'dragover', 'drop'])
        await page.dispatchEvent('body', type, { dataTransfer });
    },
    async seed(fixture, name) {
      return page.evaluate(
        async ({ file, catalogName }) => {
          const api = (globalThis as unknown as PageWindow).shelfscope;
          const catalog = await api.createCatalog({ name: catalogName });
          const finished = new Promise<void>((resolve, reject) => {
            const off = api.on('jobFinished', (event) => {
              if (event.catalogId !== catalog.id) return;
              off();
              if (event.ok) resolve();
              else reject(new Error(event.error));
            });
          });
          await api.startImport({ catalogId: catalog.id, path: file });
          await finished;
          return catalog.id;
        },
        { file: fixturePath(fixture), catalogName: name },
      );
    },
    async screenshot(name) {
      fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`) });
    },
  };
}

export { expect };
