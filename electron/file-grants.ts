// Which files the renderer may have the engine read. Electron-free, so the e2e bridge applies the same
// rule as the app and tests can check it without an Electron binary.
import fs from 'node:fs';
import path from 'node:path';
import type { MethodArgs } from '../shared/api.ts';
import type { HandlerTable } from './engine/dispatch.ts';
import { EngineError } from './engine/errors.ts';

function realpath(file: string): string | null {
  try {
    return fs.realpathSync(file);
  } catch {
    return null;
  }
}

/**
 * The files the user handed to the app: chosen in the file dialog or dropped on the window. A path the
 * renderer sends is read only if it resolves to one of them, so a compromised page cannot make the
 * engine read (and preview back) /etc/passwd or any file the user never chose.
 */
export class FileGrants {
  private readonly granted = new Set<string>();
  private readonly saveTargets = new Set<string>();

  /** A path the user chose in the save dialog: the engine may write that one file (it may not exist yet). */
  grantSave(file: string): void {
    this.saveTargets.add(path.resolve(file));
  }

  /** The path of a granted save target; an EngineError for any other. */
  checkSave(file: string): string {
    const resolved = path.resolve(file);
    if (!this.saveTargets.has(resolved)) {
      throw new EngineError(
        'invalid-input',
        `${file} was not chosen in a save dialog of this window: choose it again`,
      );
    }
    return resolved;
  }

  grant(file: string): void {
    const real = realpath(file);
    if (real) this.granted.add(real);
  }

  /** The real path of a granted regular file (or folder, when `folders` allows one); an EngineError for anything else. */
  check(file: string, { folders = false } = {}): string {
    const real = realpath(file);
    if (real === null || !this.granted.has(real)) {
      throw new EngineError(
        'invalid-input',
        `${file} was not chosen or dropped in this window: pick the file again`,
      );
    }
    const stat = fs.statSync(real);
    if (!stat.isFile() && !(folders && stat.isDirectory()))
      throw new EngineError('invalid-input', `${file} is not a file`);
    return real;
  }
}

type Handlers = Required<
  Pick<HandlerTable, 'previewImport' | 'startImport' | 'pickFile' | 'pickSaveFile' | 'startExport'>
>;
type Previewer = (args: MethodArgs<'previewImport'>) => Promise<unknown>;
type Importer = (args: MethodArgs<'startImport'>) => Promise<unknown>;
type Picker = () => Promise<{ path: string } | null>;
type SavePicker = (args: MethodArgs<'pickSaveFile'>) => Promise<{ path: string } | null>;
type Exporter = (args: MethodArgs<'startExport'>) => Promise<unknown>;

type ModelPicker = (args: MethodArgs<'pickModelSource'>) => Promise<{ path: string } | null>;
type ModelAdder = (args: MethodArgs<'startAddModel'>) => Promise<unknown>;

/**
 * Model sources the renderer may name: a URL or a hub id (downloads into the data dir) as typed, a
 * path on this machine only if the user picked it.
 */
function guardModelSources(handlers: HandlerTable, grants: FileGrants): HandlerTable {
  const pick = handlers.pickModelSource as unknown as ModelPicker | undefined;
  const add = handlers.startAddModel as unknown as ModelAdder | undefined;
  const local = (source: string) => !/^https?:\/\//i.test(source) && fs.existsSync(source);
  return {
    ...(pick && {
      pickModelSource: async (args: MethodArgs<'pickModelSource'>) => {
        const picked = await pick(args);
        if (picked) grants.grant(picked.path);
        return picked;
      },
    }),
    ...(add && {
      startAddModel: (args: MethodArgs<'startAddModel'>) =>
        add({
          ...args,
          source: local(args.source) ? grants.check(args.source, { folders: true }) : args.source,
        }),
    }),
  } as HandlerTable;
}

/**
 * The handler table with file access guarded: what `pickFile` returns is granted, and `previewImport` /
 * `startImport` read only granted files, by their resolved real path, and so do model sources;
 * `startExport` writes only a path `pickSaveFile` returned.
 */
export function guardFileAccess<H extends Handlers>(handlers: H, grants: FileGrants): H {
  const preview = handlers.previewImport as unknown as Previewer;
  const start = handlers.startImport as unknown as Importer;
  const pick = handlers.pickFile as unknown as Picker;
  const pickSave = handlers.pickSaveFile as unknown as SavePicker;
  const exportTo = handlers.startExport as unknown as Exporter;
  return {
    ...handlers,
    ...guardModelSources(handlers, grants),
    pickFile: async () => {
      const picked = await pick();
      if (picked) grants.grant(picked.path);
      return picked;
    },
    previewImport: (args: MethodArgs<'previewImport'>) => preview({ ...args, path: grants.check(args.path) }),
    startImport: (args: MethodArgs<'startImport'>) => start({ ...args, path: grants.check(args.path) }),
    pickSaveFile: async (args: MethodArgs<'pickSaveFile'>) => {
      const picked = await pickSave(args);
      if (picked) grants.grantSave(picked.path);
      return picked;
    },
    startExport: (args: MethodArgs<'startExport'>) => exportTo({ ...args, out: grants.checkSave(args.out) }),
  };
}
