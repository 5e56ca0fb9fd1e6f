/** "Spring catalog 2026.csv.gz" → "Spring catalog 2026": the name a new catalog gets from its file. */
export function catalogNameFromPath(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.gz$/i, '').replace(/\.[a-z0-9]+$/i, '') || 'Catalog';
}
