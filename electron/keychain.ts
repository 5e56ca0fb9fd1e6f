// Team passwords encrypted with the OS keychain in <userData>/team-passwords.json. Where the OS offers no
// encryption, passwords are kept for the session only: never written in clear. The cipher is Electron's
// safeStorage (Keychain, DPAPI, libsecret/kwallet), handed in by main.ts so this file runs without Electron.
import fs from 'node:fs';
import path from 'node:path';
import type { PasswordVault } from './team-credentials.ts';

/** The part of Electron's safeStorage the vault uses. */
export interface OsCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export function keychainVault(dataDir: string, safeStorage: OsCipher): PasswordVault {
  const file = path.join(dataDir, 'team-passwords.json');
  const session = new Map<string, string>();
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  return {
    get(server) {
      const sealed = read()[server];
      if (sealed && safeStorage.isEncryptionAvailable()) {
        try {
          return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
        } catch {
          return session.get(server) ?? null;
        }
      }
      return session.get(server) ?? null;
    },
    set(server, password) {
      session.set(server, password);
      if (!safeStorage.isEncryptionAvailable()) return;
      const all = { ...read(), [server]: safeStorage.encryptString(password).toString('base64') };
      const tmp = `${file}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 });
      fs.renameSync(tmp, file);
    },
  };
}
