import { describe, expect, it } from 'vitest';
import { withImportedCsv } from '../helpers.ts';

// Short accessory titles outrank the keyboard itself by bm25 alone; accessory detection must demote
// them whether the query says "keyboard", slips ("keybaord") or is still being typed ("keyb").
function catalogCsv(): string {
  const rows = ['product_id,name,category,description,price'];
  for (let i = 0; i < 3; i++) rows.push(`CV${i},Keyboard cover ${i},Accessories,Silicone cover,${5 + i}`);
  rows.push('KB1,Cherry USB keyboard,Input devices,"Wired, full size, black",39');
  // Matches in long descriptions only: the bottom of bm25's range, so the keyboard is not.
  const long = 'A large desk mat with stitched edges and a non-slip base, it sits under your keyboard.';
  for (let i = 0; i < 3; i++) rows.push(`MT${i},Desk mat ${i},Desk,"${long} ${long}",${12 + i}`);
  return rows.join('\n');
}

describe('a corrected or completed word is read as such by the rest of the search', () => {
  it('ranks a slip and an unfinished word like the word itself', async () => {
    await withImportedCsv(catalogCsv(), async (catalog) => {
      const ids = async (query: string) =>
        (await catalog.search({ query, mode: 'keyword', limit: 10, filters: {} })).hits.map((h) => h.id);
      const clean = await ids('keyboard');
      expect(clean[0]).toBe('KB1');
      expect(await ids('keybaord')).toEqual(clean);
      expect(await ids('keyb')).toEqual(clean);
    });
  }, 60_000);

  it('finds a synonym phrase with a slip in it, as the phrase itself', async () => {
    const rows = [
      'product_id,name,category,description,price',
      'BT1,Bluetooth speaker,Audio,Small and loud,30',
      'WS1,JBL wireless speaker portable outdoor waterproof,Audio,Splash proof,80',
      'SP1,Speaker,Audio,Passive,20',
      'SP2,Speaker set,Audio,Passive pair,40',
    ].join('\n');
    await withImportedCsv(rows, async (catalog) => {
      const ids = async (query: string) =>
        (await catalog.search({ query, mode: 'keyword', limit: 10, filters: {} })).hits.map((h) => h.id);
      const clean = await ids('bluetooth speaker');
      // "wireless speaker" is a synonym of "bluetooth speaker": it ranks above products matching one word.
      expect(clean.slice(0, 2)).toEqual(['BT1', 'WS1']);
      expect(await ids('bluteooth speaker')).toEqual(clean);
    });
  }, 60_000);
});
