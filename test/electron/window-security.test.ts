import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  denyNavigation,
  denyPermission,
  denyWindowOpen,
  isAppUrl,
  resolveAppFile,
  webPreferences,
} from '../../electron/window-security.ts';

describe('window security settings', () => {
  it('denies navigation, new windows and every permission', () => {
    let prevented = false;
    denyNavigation({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null;
      denyPermission(null, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
    }
  });

  it('isolates the page from Node', () => {
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('allows scripts only from the app itself', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
  });

  it('trusts only app://shelfscope pages', () => {
    expect(isAppUrl('app://shelfscope/index.html')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://shelfscope/index.html')).toBe(false);
    expect(isAppUrl('file:///tmp/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('serves renderer files and nothing outside the renderer folder', () => {
    expect(resolveAppFile('app://shelfscope/', '/opt/app/renderer')).toBe('/opt/app/renderer/index.html');
    expect(resolveAppFile('app://shelfscope/assets/index-1.js?x=1', '/opt/app/renderer/')).toBe(
      '/opt/app/renderer/assets/index-1.js',
    );
    expect(resolveAppFile('app://shelfscope/assets/a.css', 'C:\\app\\renderer', '\\')).toBe(
      'C:\\app\\renderer\\assets\\a.css',
    );
    // The URL parser folds dot segments first, so they can never climb out of the root.
    expect(resolveAppFile('app://shelfscope/%2e%2e/%2e%2e/etc/passwd', '/r')).toBe('/r/etc/passwd');
    expect(resolveAppFile('app://shelfscope/assets/..%5C..%5Csecret', '/r')).toBeNull();
    expect(resolveAppFile('app://other/index.html', '/r')).toBeNull();
  });
});
