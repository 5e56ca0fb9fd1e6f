import type { ImportPreview } from '../../../shared/types.ts';
import { fileMapping } from './mapping.ts';
import { detectProfile } from './profiles/index.ts';
import { openSource, type OpenSourceOptions } from './source.ts';

function display(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  return typeof raw === 'string' ? raw : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
}

/** The columns, a few sample rows (as text) and the detected mapping, reading only the start of the file. */
export async function previewFile(
  file: string,
  opts: Pick<OpenSourceOptions, 'format' | 'sheet' | 'signal' | 'limits'> & { rows?: number } = {},
): Promise<ImportPreview> {
  const source = await openSource(file, opts);
  const profile = detectProfile(source.columns, source.xmlDialect);
  const sampleRows: Record<string, string>[] = [];
  const wanted = opts.rows ?? 20;
  try {
    if (wanted > 0) {
      for await (const record of source.records()) {
        sampleRows.push(Object.fromEntries(Object.entries(record.values).map(([k, v]) => [k, display(v)])));
        if (sampleRows.length >= wanted) break;
      }
    }
  } finally {
    await source.close();
  }
  return {
    file,
    format: source.format,
    sheets: source.sheets,
    columns: source.columns,
    sampleRows,
    mapping: fileMapping(source.columns, profile, undefined),
    platform: profile && { id: profile.id, label: profile.label },
  };
}
