// The process boundary: thousands of random and malformed payloads per contract method go through the
// same dispatcher the Electron main process uses, over a real engine with a real catalog. Each must come
// back as an envelope with a contract error code; the engine must keep serving and the catalog stay whole.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, methodNames, methods } from '../../shared/api.ts';
import type { MethodName } from '../../shared/api.ts';
import { createDispatcher } from '../../electron/engine/dispatch.ts';
import type { Dispatcher } from '../../electron/engine/dispatch.ts';
import { createEngine } from '../../electron/engine/engine.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { payloadsFor } from './lib/payload-fuzz.ts';

const HERMES_CSV = path.resolve(import.meta.dirname, '../fixtures/catalog/hermes-products.csv');
const PER_METHOD = 1_000;
const CODES = new Set<string>(ApiError.shape.code.options);
/** Methods that destroy or replace a catalog are aimed at a decoy, never at the catalog checked afterwards. */
const DESTRUCTIVE = new Set<MethodName>(['deleteCatalog', 'startImport', 'setSynonyms', 'renameCatalog']);

function fieldsOf(method: MethodName): string[] {
  const input = methods[method].input as unknown as z.ZodObject;
  return Object.keys(input.shape);
}

async function createCatalog(dispatch: Dispatcher, name: string): Promise<string> {
  const created = await dispatch('createCatalog', { name });
  if (!created.ok) throw new Error(`could not create a catalog: ${created.error.message}`);
  return (created.value as { id: string }).id;
}

async function untilIdle(dispatch: Dispatcher, catalogIds: string[]): Promise<void> {
  for (const catalogId of catalogIds) {
    for (;;) {
      const job = await dispatch('currentJob', { catalogId });
      if (!job.ok || job.value === null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('IPC payload fuzzing', () => {
  let dataDir: string;
  let engine: Engine;
  let dispatch: Dispatcher;
  let target: string;
  let decoy = '';

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-fuzz-'));
    // Hub ids among the payloads are "downloaded" from a closed local port, never from the internet.
    engine = await createEngine({ dataDir, hubUrl: 'http://127.0.0.1:9' });
    dispatch = createDispatcher(
      {
        ...engine,
        pickFile: async () => null,
        pickSaveFile: async () => null,
        pickModelSource: async () => null,
      },
      { validateOutput: true },
    );
    target = await createCatalog(dispatch, 'Fuzz target catalog');
    const finished = new Promise((resolve) => engine.on('jobFinished', resolve));
    await dispatch('startImport', { catalogId: target, path: HERMES_CSV });
    await finished;
  }, 180_000);
  afterAll(async () => {
    await engine.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(`answers ${PER_METHOD} hostile payloads per method with typed errors and keeps the engine whole`, async () => {
    const before = await dispatch('stats', { catalogId: target });
    expect(before.ok && (before.value as { products: number }).products).toBe(99);
    const tally: Record<string, Record<string, number>> = {};
    const internal: string[] = [];
    let sent = 0;
    // setSettings last, so that no endpoint it stores is in force while ask is fuzzed.
    const order = [...methodNames.filter((m) => m !== 'setSettings'), 'setSettings' as const];
    for (const [i, method] of order.entries()) {
      // A fresh decoy for each destructive method, since the one before may have deleted it.
      if (DESTRUCTIVE.has(method)) decoy = await createCatalog(dispatch, 'Fuzz decoy');
      const catalogIds = DESTRUCTIVE.has(method) ? [decoy] : [target];
      const payloads = payloadsFor(9_000 + i, fieldsOf(method), PER_METHOD, {
        catalogIds,
        files: [HERMES_CSV, path.join(dataDir, 'catalogs', target, 'catalog.sqlite')],
      });
      const counts: Record<string, number> = (tally[method] = {});
      for (const payload of payloads) {
        // Electron's IPC structured-clones what the renderer sends; so does this.
        const envelope = await dispatch(method, structuredClone(payload));
        sent++;
        const outcome = envelope.ok ? 'ok' : envelope.error.code;
        counts[outcome] = (counts[outcome] ?? 0) + 1;
        if (!envelope.ok) {
          expect(CODES.has(envelope.error.code)).toBe(true);
          expect(typeof envelope.error.message).toBe('string');
          if (envelope.error.code === 'internal')
            internal.push(`${method}: ${envelope.error.message.slice(0, 200)}`);
        }
      }
      await untilIdle(dispatch, catalogIds);
    }
    console.info(
      `IPC fuzz: ${sent} payloads over ${order.length} methods; ${Object.entries(tally)
        .map(([m, c]) => `${m} ${JSON.stringify(c)}`)
        .join(', ')}`,
    );
    expect(sent).toBeGreaterThanOrEqual(PER_METHOD * methodNames.length);
    // An internal error means a payload the contract accepted broke a handler.
    expect([...new Set(internal)]).toEqual([]);

    // The engine still serves, and the catalog the destructive methods never aimed at is intact.
    const after = await dispatch('stats', { catalogId: target });
    expect(after.ok && (after.value as { products: number }).products).toBe(99);
    const found = await dispatch('search', { catalogId: target, query: 'RSG8901', mode: 'keyword' });
    expect(found.ok && (found.value as { hits: { id: string }[] }).hits[0]?.id).toBe('RSG8901');
    expect(Object.prototype).not.toHaveProperty('polluted');
  }, 900_000);
});
