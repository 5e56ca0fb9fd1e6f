// A synonym group as the user types it: terms separated by commas, checked against the contract's limits
// before the engine sees them, so a mistake is pointed out on its own row.
import { SynonymGroup } from '../../../shared/types.ts';

export type DraftRow = { key: number; text: string; error: string | null };

export type ParsedGroup = { terms: string[] } | { error: string };

export const formatGroup = (group: readonly string[]) => group.join(', ');

/** Terms in the order typed, blanks and case-insensitive repeats dropped (the engine folds case too). */
export function parseGroup(text: string): ParsedGroup {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const raw of text.split(',')) {
    const term = raw.trim().replace(/\s+/g, ' ');
    if (!term || seen.has(term.toLowerCase())) continue;
    seen.add(term.toLowerCase());
    terms.push(term);
  }
  if (terms.length < 2) return { error: 'A group needs at least two different terms, separated by commas.' };
  const checked = SynonymGroup.safeParse(terms);
  if (checked.success) return { terms };
  return terms.some((t) => t.length > 100)
    ? { error: 'A term can be at most 100 characters long.' }
    : { error: 'A group can hold at most 50 terms.' };
}

/** True when the rows differ from the saved groups: typing a change and typing it back is no edit. */
export function hasEdits(state: { saved: SynonymGroup[] | null; rows: DraftRow[] }): boolean {
  const saved = (state.saved ?? []).map(formatGroup);
  return state.rows.length !== saved.length || state.rows.some((row, i) => row.text !== saved[i]);
}
