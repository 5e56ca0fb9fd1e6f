import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { Arch, Platform, build } from 'electron-builder';
import { afterAll, describe, expect, it } from 'vitest';
import { FUSES, applyFuses, fuseConfigFor } from '../../scripts/after-pack.ts';

const root = path.resolve(import.meta.dirname, '../..');
const builderConfig = path.join(root, 'electron-builder.yml');
/** Electron's fuse sentinel (docs/tutorial/fuses.md: "always this exact string"); @electron/fuses does not export it. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults for the nine V1 fuses: RunAsNode, NODE_OPTIONS, --inspect, file:// privileges, wasm traps on. */
const DEFAULT_WIRE = '101100011';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shelfscope-fuses-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The hook electron-builder.yml names (a top-level scalar). */
function hookInConfig(): string | undefined {
  return /^afterPack:\s*(\S+)\s*$/m.exec(fs.readFileSync(builderConfig, 'utf8'))?.[1];
}

/** A file laid out like an Electron executable: megabytes of code around `sentinel | version | length | wire`. */
function fakeElectron(file: string, wire: string): void {
  const bytes = Buffer.from(wire, 'latin1');
  fs.writeFileSync(
    file,
    Buffer.concat([
      Buffer.alloc(5 * 1024 * 1024, 0x90),
      Buffer.from(SENTINEL, 'latin1'),
      Buffer.from([1, bytes.length]),
      bytes,
      Buffer.alloc(1024 * 1024, 0xcc),
    ]),
    { mode: 0o755 },
  );
}

/** What DEFAULT_WIRE must become: the six configured fuses flipped, the other three as Electron ships them. */
const SHIPPED_WIRE = {
  [FuseV1Options.RunAsNode]: FuseState.DISABLE,
  [FuseV1Options.EnableCookieEncryption]: FuseState.ENABLE,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FuseState.DISABLE,
  [FuseV1Options.EnableNodeCliInspectArguments]: FuseState.DISABLE,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FuseState.ENABLE,
  [FuseV1Options.OnlyLoadAppFromAsar]: FuseState.ENABLE,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: FuseState.DISABLE,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: FuseState.ENABLE,
  [FuseV1Options.WasmTrapHandlers]: FuseState.ENABLE,
};

/** The fuse states in `file`'s wire, without the version. */
async function fuseStates(file: string): Promise<Record<string, unknown>> {
  const { version: _version, ...states } = await getCurrentFuseWire(file);
  return states;
}

describe('the fuses the packaged app ships with', () => {
  it('switches off RunAsNode, NODE_OPTIONS and --inspect', () => {
    expect(FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
  });

  it('switches on asar integrity, asar-only loading and cookie encryption', () => {
    expect(FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true);
  });

  it('re-signs ad hoc only the macOS builds that contain arm64 code', () => {
    expect(
      fuseConfigFor({ electronPlatformName: 'darwin', arch: Arch.arm64 }).resetAdHocDarwinSignature,
    ).toBe(true);
    expect(
      fuseConfigFor({ electronPlatformName: 'darwin', arch: Arch.universal }).resetAdHocDarwinSignature,
    ).toBe(true);
    expect(fuseConfigFor({ electronPlatformName: 'mas', arch: Arch.arm64 }).resetAdHocDarwinSignature).toBe(
      true,
    );
    expect(fuseConfigFor({ electronPlatformName: 'darwin', arch: Arch.x64 }).resetAdHocDarwinSignature).toBe(
      false,
    );
    expect(fuseConfigFor({ electronPlatformName: 'linux', arch: Arch.arm64 }).resetAdHocDarwinSignature).toBe(
      false,
    );
    expect(fuseConfigFor({ electronPlatformName: 'win32', arch: Arch.x64 })).toMatchObject(FUSES);
  });

  it('is applied by the afterPack hook electron-builder.yml names, which Node can require()', () => {
    const hook = hookInConfig();
    expect(hook).toBe('./scripts/after-pack.ts');
    // electron-builder loads a hook with require() first (import() as the fallback) and takes its default export.
    // (Node's own copy of the module, not the one vitest transformed for this test.)
    const loaded = createRequire(import.meta.url)(path.resolve(root, hook!)) as Record<string, unknown>;
    expect(loaded.default).toBeTypeOf('function');
    expect((loaded.default as () => unknown).name).toBe('afterPack');
    expect(loaded.FUSES).toEqual(FUSES);
  });
});

describe('applyFuses on an Electron-like binary', () => {
  it('writes the configured fuses into the wire and leaves the others at their defaults', async () => {
    const binary = path.join(dir, 'electron');
    fakeElectron(binary, DEFAULT_WIRE);
    await applyFuses(binary, fuseConfigFor({ electronPlatformName: 'linux', arch: Arch.x64 }));
    expect(await fuseStates(binary)).toEqual(SHIPPED_WIRE);
  });

  it('fails the build when Electron has removed a fuse it was asked to set', async () => {
    const binary = path.join(dir, 'electron-removed');
    fakeElectron(binary, '1r1100011'); // EnableCookieEncryption marked removed
    await expect(applyFuses(binary, FUSES)).rejects.toThrow(/has removed the fuses EnableCookieEncryption/);
  });

  it('fails the build on an Electron whose wire is too short for the configuration', async () => {
    const binary = path.join(dir, 'electron-old');
    fakeElectron(binary, '1011'); // an Electron older than asar integrity validation
    await expect(applyFuses(binary, FUSES)).rejects.toThrow(/not long enough/);
  });
});

describe('electron-builder packaging with electron-builder.yml', () => {
  it('runs the hook on the packaged executable, so the shipped binary carries the fuses', async () => {
    const work = path.join(dir, 'pack');
    // No Electron can be downloaded here: a placeholder distribution stands in for electron-v45-linux-x64.zip.
    const electronDist = path.join(work, 'electron-dist');
    fs.mkdirSync(path.join(electronDist, 'resources'), { recursive: true });
    fakeElectron(path.join(electronDist, 'electron'), DEFAULT_WIRE);
    fs.writeFileSync(path.join(electronDist, 'LICENSE'), 'MIT');
    const project = path.join(work, 'app');
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({
        name: 'shelfscope',
        version: '0.1.0',
        main: 'main.js',
        description: 'test',
        author: 'test',
      }),
    );
    fs.writeFileSync(path.join(project, 'main.js'), "require('electron');\n");
    const output = path.join(work, 'release');

    await build({
      projectDir: project,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      config: {
        // The repository's configuration, hook included; only what this placeholder app lacks is overridden.
        extends: builderConfig,
        // electron-builder resolves a relative hook against the working directory (the repository root when
        // packaging) and refuses one outside the project: name the same file absolutely for this temp project.
        afterPack: path.resolve(root, hookInConfig()!),
        electronDist,
        electronVersion: '45.4.1',
        directories: { output },
        files: ['package.json', 'main.js'],
        asarUnpack: [],
        extraResources: [],
      },
    });

    const executable = path.join(output, 'linux-unpacked', 'shelfscope');
    expect(fs.existsSync(path.join(output, 'linux-unpacked', 'resources', 'app.asar'))).toBe(true);
    expect(await fuseStates(executable)).toEqual(SHIPPED_WIRE);
  }, 60_000);
});
