// The window's security settings, kept free of Electron so tests can assert them without an Electron binary.

/** The app's own pages are served from this privileged scheme; nothing else may talk to the engine. */
export const APP_SCHEME = 'app';
const APP_HOST = 'shelfscope';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const CSP_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/** Sent as a header by the app:// handler. */
export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.join('; ');

/** The same policy for the page's <meta> tag, which browsers reject frame-ancestors in. */
export const CONTENT_SECURITY_POLICY_META = CSP_DIRECTIVES.filter(
  (d) => !d.startsWith('frame-ancestors'),
).join('; ');

export const webPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  // A file dropped on the window must reach the page's drop handler, never replace the page.
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
} as const;

/** The app is one page: it never navigates, so any navigation is an attack or a stray drop. */
export function denyNavigation(event: { preventDefault(): void }): void {
  event.preventDefault();
}

/** No window may be opened: links to elsewhere have nowhere to go in an offline app. */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Camera, microphone, notifications, geolocation…: the app needs none, so every request is refused. */
export function denyPermission(
  _contents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}

/** Requests to these are cancelled: the app shows no remote content and phones nowhere. */
export const REMOTE_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'];

/** True only for a page of the app itself, so a stray frame or a navigated page cannot reach the engine. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Maps an app:// URL to a file under the renderer build, or null when it would leave that folder
 * (`..`, encoded separators) — the protocol handler serves nothing outside it.
 */
export function resolveAppFile(url: string, rootDir: string, sep: '/' | '\\' = '/'): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  const parts = pathname.split('/').filter(Boolean);
  if (parts.some((part) => part === '..' || part === '.' || part.includes('\\') || part.includes('\0')))
    return null;
  if (parts.length === 0) parts.push('index.html');
  return [rootDir.replace(/[\\/]+$/, ''), ...parts].join(sep);
}
