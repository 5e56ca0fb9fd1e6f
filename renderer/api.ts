// The renderer's only door to the engine: `window.shelfscope`, installed by the preload (or the e2e bridge).
import type { ShelfscopeApi } from '../shared/api.ts';

declare global {
  interface Window {
    shelfscope?: ShelfscopeApi;
  }
}

export const hasBridge = () => window.shelfscope !== undefined;

/** Throws if the page runs outside Shelfscope; App checks hasBridge() first and explains instead. */
export const api = new Proxy({} as ShelfscopeApi, {
  get(_target, key: string) {
    const bridge = window.shelfscope;
    if (!bridge) throw new Error('Shelfscope is not connected: window.shelfscope is missing');
    return bridge[key as keyof ShelfscopeApi];
  },
});
