// Builds the renderer from renderer/ into dist/renderer. The Content-Security-Policy meta tag is written
// from the same constant the main process sends as a header, so the two cannot disagree.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from './electron/window-security.ts';

function contentSecurityPolicy(): Plugin {
  return {
    name: 'shelfscope-csp',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META },
        injectTo: 'head',
      },
    ],
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome140',
    // The polyfill would need an inline script, which the policy forbids; Chromium does not need it.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
});
