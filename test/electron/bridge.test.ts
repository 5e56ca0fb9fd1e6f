import { describe, expect, it } from 'vitest';
import { methodNames } from '../../shared/api.ts';
import type { Envelope, MethodName } from '../../shared/api.ts';
import { createApiClient, eventChannel, methodChannel } from '../../electron/bridge.ts';
import { readApiError } from '../../renderer/api-error.ts';

function clientOver(reply: (method: MethodName, payload: unknown) => Envelope<unknown>) {
  const calls: [MethodName, unknown][] = [];
  const api = createApiClient({
    invoke: async (method, payload) => {
      calls.push([method, payload]);
      return reply(method, payload);
    },
    subscribe: () => () => undefined,
    pathForFile: (file) => `/dropped/${file.name}`,
  });
  return { api, calls };
}

describe('createApiClient', () => {
  it('offers exactly the contract methods plus on and pathForFile', () => {
    const { api } = clientOver(() => ({ ok: true, value: null }));
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'on', 'pathForFile'].sort());
  });

  it('unwraps values and turns error envelopes into errors the renderer can read back', async () => {
    const { api, calls } = clientOver((method) =>
      method === 'listCatalogs'
        ? { ok: true, value: [] }
        : { ok: false, error: { code: 'not-found', message: 'No catalog "x"' } },
    );
    expect(await api.listCatalogs({})).toEqual([]);
    const err = await api.stats({ catalogId: 'x' }).catch((e: unknown) => e);
    expect(readApiError(err)).toEqual({ code: 'not-found', message: 'No catalog "x"' });
    expect(calls).toEqual([
      ['listCatalogs', {}],
      ['stats', { catalogId: 'x' }],
    ]);
  });

  it('refuses unknown events and names channels per method and event', () => {
    const { api } = clientOver(() => ({ ok: true, value: null }));
    expect(() => api.on('nope' as 'jobProgress', () => undefined)).toThrow(/Unknown event/);
    expect(methodChannel('search')).toBe('shelfscope:search');
    expect(eventChannel('jobProgress')).toBe('shelfscope:event:jobProgress');
    expect(api.pathForFile(new File(['x'], 'a.csv'))).toBe('/dropped/a.csv');
  });
});
