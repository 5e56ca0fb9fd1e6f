// The team-password vault of the main process with a stand-in for Electron's safeStorage: a cipher that
// reverses and marks the text, so a password in clear on disk would show.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OsCipher } from '../../electron/keychain.ts';
import { keychainVault } from '../../electron/keychain.ts';
import { tempDir } from '../engine/helpers.ts';

function cipher(available: boolean): OsCipher {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(`sealed:${[...plain].reverse().join('')}`),
    decryptString: (sealed) => {
      const text = sealed.toString();
      if (!text.startsWith('sealed:')) throw new Error('not sealed by this cipher');
      return [...text.slice('sealed:'.length)].reverse().join('');
    },
  };
}

describe('team password vault', () => {
  const server = 'postgres://reader@db.example:5432/catalogs';

  it('keeps a password sealed on disk and gives it back to a new session', () => {
    const dir = tempDir();
    keychainVault(dir, cipher(true)).set(server, 's3cret-Pässword');
    const stored = fs.readFileSync(path.join(dir, 'team-passwords.json'), 'utf8');
    expect(stored).not.toContain('s3cret');
    expect((fs.statSync(path.join(dir, 'team-passwords.json')).mode & 0o777).toString(8)).toBe('600');
    expect(keychainVault(dir, cipher(true)).get(server)).toBe('s3cret-Pässword');
    expect(keychainVault(dir, cipher(true)).get('postgres://other@db.example/x')).toBeNull();
  });

  it('without OS encryption writes nothing and remembers the password for the session only', () => {
    const dir = tempDir();
    const vault = keychainVault(dir, cipher(false));
    vault.set(server, 's3cret');
    expect(vault.get(server)).toBe('s3cret');
    expect(fs.existsSync(path.join(dir, 'team-passwords.json'))).toBe(false);
    expect(keychainVault(dir, cipher(false)).get(server)).toBeNull();
  });

  it('a file it cannot unseal (another user, another machine) is no password', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'team-passwords.json'), JSON.stringify({ [server]: 'bm90IHNlYWxlZA==' }));
    expect(keychainVault(dir, cipher(true)).get(server)).toBeNull();
  });
});
