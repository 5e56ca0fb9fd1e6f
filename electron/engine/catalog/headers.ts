/**
 * Turns raw header cells into unique, non-empty column names: an empty cell becomes `column_<n>`
 * (its 1-based position), a repeated name gets `_2`, `_3`… so no column's values overwrite another's.
 */
export function uniqueHeaders(raw: readonly string[]): string[] {
  const taken = new Set<string>();
  return raw.map((cell, i) => {
    const base = cell.trim() || `column_${i + 1}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    return name;
  });
}
