// electron-builder's afterPack hook (electron-builder.yml names it): flips the Electron fuses of the packaged
// binary before electron-builder signs it, so code signing then protects the flipped bits. electron-builder
// loads this file with require()/import(), which needs Node >= 22.18 (TypeScript type stripping): run it
// through `npm run package`, whose PATH puts the project's Node 22 first.
import path from 'node:path';
import { FuseState, FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import type { FuseV1Config } from '@electron/fuses';
import { Arch } from 'electron-builder';
import type { AfterPackContext, LinuxPackager } from 'electron-builder';

/**
 * The fuses every packaged Shelfscope ships with; the fuses not named keep Electron's defaults. The app needs
 * none of the switched-off features: the engine runs in a worker thread (not a forked ELECTRON_RUN_AS_NODE
 * child), and nothing reads NODE_OPTIONS or a debugger port in production.
 */
export const FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE=1 would turn the signed binary into a general-purpose Node.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS=--require=evil.js would run code in the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect / --inspect-brk (and SIGUSR1) would open a debugger into the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash electron-builder embeds (Info.plist on macOS, a resource on Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only app.asar is loaded: no resources/app/ folder dropped next to it can replace the app.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The cookie store is encrypted with the OS keychain.
  [FuseV1Options.EnableCookieEncryption]: true,
} as const satisfies FuseV1Config;

const APPLE_PLATFORMS = new Set(['darwin', 'mas']);
/** A universal app contains an arm64 slice. */
const ARCH_WITH_ARM64 = new Set([Arch.arm64, Arch.universal]);

/** The file electron-builder produced for the Electron executable (what @electron/fuses expects). */
export function packagedElectronPath(context: AfterPackContext): string {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'linux') {
    return path.join(appOutDir, (packager as LinuxPackager).executableName);
  }
  const extension = APPLE_PLATFORMS.has(electronPlatformName) ? '.app' : '.exe';
  return path.join(appOutDir, `${packager.appInfo.productFilename}${extension}`);
}

/** What `flipFuses` is given for one packaged app. */
export function fuseConfigFor(
  context: Pick<AfterPackContext, 'electronPlatformName' | 'arch'>,
): FuseV1Config {
  return {
    ...FUSES,
    // Flipping a fuse invalidates the ad-hoc signature an arm64 macOS binary must carry to launch at all;
    // re-sign it ad hoc (electron-builder's own signing, when configured, signs over it afterwards).
    resetAdHocDarwinSignature:
      APPLE_PLATFORMS.has(context.electronPlatformName) && ARCH_WITH_ARM64.has(context.arch),
  };
}

/** The fuses `config` sets, with the value each is set to. */
function fusesSetBy(config: FuseV1Config): Array<[FuseV1Options, boolean]> {
  return Object.values(FuseV1Options)
    .filter((fuse): fuse is FuseV1Options => typeof fuse === 'number')
    .flatMap((fuse) =>
      typeof config[fuse] === 'boolean' ? [[fuse, config[fuse]] as [FuseV1Options, boolean]] : [],
    );
}

/**
 * Flips the fuses in `electronPath` and reads the wire back. A fuse this Electron marks removed fails the build
 * (its byte can still be written but does nothing, so the protection it stood for needs a fresh look), and so
 * does a wire too short for the configuration (an Electron older than the fuse: flipFuses refuses it).
 */
export async function applyFuses(electronPath: string, config: FuseV1Config): Promise<void> {
  const fuses = fusesSetBy(config);
  const before = await getCurrentFuseWire(electronPath);
  const removed = fuses.filter(([fuse]) => before[fuse] === FuseState.REMOVED);
  if (removed.length) {
    const names = removed.map(([fuse]) => FuseV1Options[fuse]).join(', ');
    throw new Error(
      `${electronPath}: this Electron has removed the fuses ${names}; review scripts/after-pack.ts`,
    );
  }
  await flipFuses(electronPath, config);
  const after = await getCurrentFuseWire(electronPath);
  const wrong = fuses.filter(([fuse, on]) => after[fuse] !== (on ? FuseState.ENABLE : FuseState.DISABLE));
  if (wrong.length) {
    const names = wrong.map(([fuse]) => FuseV1Options[fuse]).join(', ');
    throw new Error(`${electronPath}: the fuses ${names} did not take the value they were set to`);
  }
}

export default async function afterPack(context: AfterPackContext): Promise<void> {
  await applyFuses(packagedElectronPath(context), fuseConfigFor(context));
}
