import { describe, expect, it } from 'vitest';
import { createDispatcher, toApiError } from '../../../electron/engine/dispatch.ts';
import { EngineError } from '../../../electron/engine/errors.ts';

const catalog = {
  id: 'shoes',
  name: 'Shoes',
  products: 3,
  embedded: 3,
  model: 'use-lite',
  createdAt: '2026-01-01T00:00:00.000Z',
  lastIndexedAt: null,
};

describe('createDispatcher', () => {
  it('rejects a method the contract does not name', async () => {
    const dispatch = createDispatcher({});
    expect(await dispatch('dropTables', {})).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'Unknown method "dropTables"' },
    });
    expect((await dispatch('__proto__', {})).ok).toBe(false);
  });

  it('validates the payload before the handler sees it, and applies contract defaults', async () => {
    const seen: unknown[] = [];
    const dispatch = createDispatcher({
      search: async (args) => {
        seen.push(args);
        throw new EngineError('not-found', 'No catalog "x"');
      },
    });
    const bad = await dispatch('search', { catalogId: 'Not An Id!', query: 'boots' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid-input');
      expect(bad.error.message).toContain('catalogId');
    }
    expect(seen).toEqual([]);
    await dispatch('search', { catalogId: 'x', query: 'boots' });
    expect(seen).toEqual([{ catalogId: 'x', query: 'boots', mode: 'hybrid', limit: 50, filters: {} }]);
  });

  it('bounds the attribute and option filters a search may carry, and the query length', async () => {
    // A request that passes validation reaches the handler, which answers not-found.
    const dispatch = createDispatcher({
      search: async () => {
        throw new EngineError('not-found', 'No catalog "x"');
      },
    });
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`attr${i}`, 'x']));
    for (const filters of [{ attributes: many }, { options: many }]) {
      const result = await dispatch('search', { catalogId: 'x', query: 'boots', filters });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      if (!result.ok) expect(result.error.message).toContain('at most 20 filters');
    }
    const long = await dispatch('search', { catalogId: 'x', query: 'boots '.repeat(20_000) });
    expect(long).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const twenty = Object.fromEntries(Object.entries(many).slice(0, 20));
    const allowed = await dispatch('search', { catalogId: 'x', query: '', filters: { attributes: twenty } });
    expect(allowed).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('keeps an engine error code and maps anything else to internal', async () => {
    const dispatch = createDispatcher({
      getProduct: async () => {
        throw new EngineError('not-found', 'No catalog "x"');
      },
      stats: async () => {
        throw new TypeError('boom');
      },
      deleteCatalog: async () => {
        throw Object.assign(new Error('disk'), { code: 'ENOSPC' });
      },
    });
    expect(await dispatch('getProduct', { catalogId: 'x', id: '1' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No catalog "x"' },
    });
    expect(await dispatch('stats', { catalogId: 'x' })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'boom' },
    });
    expect(await dispatch('deleteCatalog', { catalogId: 'x' })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'disk' },
    });
  });

  it('returns valid results and refuses results outside the contract when validating', async () => {
    const handlers = {
      listCatalogs: async () => [catalog],
      createCatalog: async () => ({ ...catalog, products: 'three' }),
    };
    const dispatch = createDispatcher(handlers, { validateOutput: true });
    expect(await dispatch('listCatalogs', {})).toEqual({ ok: true, value: [catalog] });
    const bad = await dispatch('createCatalog', { name: 'Shoes' });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.error.message).toMatch(/createCatalog returned data outside the contract: products/);
    const lenient = createDispatcher(handlers, { validateOutput: false });
    expect((await lenient('createCatalog', { name: 'Shoes' })).ok).toBe(true);
  });

  it('reports a method with no handler instead of throwing', async () => {
    const result = await createDispatcher({})('pickFile', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'No handler for "pickFile"' } });
  });
});

describe('toApiError', () => {
  it('describes non-Error throws', () => {
    expect(toApiError('nope')).toEqual({ code: 'internal', message: 'nope' });
    expect(toApiError(new EngineError('busy', 'indexing'))).toEqual({ code: 'busy', message: 'indexing' });
  });
});
