// Calls from any sender other than the app's own top-level page are refused before the dispatcher sees
// them. There is no Electron binary here, so ipcMain is replaced by a recorder of the handlers that
// electron/ipc.ts registers; the handlers themselves are the real ones.
import { describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../shared/api.ts';
import { methodChannel } from '../../electron/bridge.ts';

const registered = vi.hoisted(() => new Map<string, (event: unknown, payload: unknown) => unknown>());
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, payload: unknown) => unknown) =>
      registered.set(channel, handler),
    removeHandler: (channel: string) => registered.delete(channel),
  },
}));
const { registerIpcHandlers } = await import('../../electron/ipc.ts');

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

const frame = (url: string, parent: FakeFrame | null = null): FakeFrame => ({ url, parent });
const eventFrom = (senderFrame: FakeFrame | null) => ({ senderFrame, sender: { mainFrame: senderFrame } });

describe('IPC sender checks', () => {
  it('registers exactly the contract methods and serves only the app page', async () => {
    const seen: string[] = [];
    const unregister = registerIpcHandlers(async (method) => {
      seen.push(method);
      return { ok: true, value: null };
    });
    expect([...registered.keys()].sort()).toEqual(methodNames.map(methodChannel).sort());

    const call = (event: unknown) => registered.get(methodChannel('listCatalogs'))?.(event, {});
    const app = frame('app://shelfscope/index.html');
    expect(await call(eventFrom(app))).toEqual({ ok: true, value: null });
    expect(seen).toEqual(['listCatalogs']);

    const strangers = [
      eventFrom(frame('https://evil.example/')),
      eventFrom(frame('http://localhost:5173/')),
      eventFrom(frame('file:///home/user/page.html')),
      eventFrom(frame('app://shelfscope.evil/index.html')),
      eventFrom(frame('app://other/index.html')),
      eventFrom(frame('data:text/html,<script>1</script>')),
      eventFrom(frame('about:blank')),
      eventFrom(frame('app://shelfscope/index.html', app)), // an app URL in a subframe
      eventFrom(null), // the frame is gone (navigated or destroyed)
    ];
    for (const event of strangers) {
      expect(await call(event)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(seen).toEqual(['listCatalogs']);
    unregister();
    expect(registered.size).toBe(0);
  });
});
