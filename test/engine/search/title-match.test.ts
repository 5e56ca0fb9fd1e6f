import { describe, expect, it } from 'vitest';
import type { TermGroup } from '../../../electron/engine/search/analyze.ts';
import { nameLength, titleCoverage } from '../../../electron/engine/search/title-match.ts';
import { withImportedCsv } from '../helpers.ts';

/** The ids a keyword search returns in a catalog imported from `csv`. */
const keywordIds = (csv: string, query: string, limit: number) =>
  withImportedCsv(csv, async (catalog) => {
    const result = await catalog.search({ query, mode: 'keyword', limit, filters: {} });
    return result.hits.map((h) => h.id);
  });

const word = (...alternatives: string[]): TermGroup => ({
  alternatives: alternatives.map((a) => a.split(' ')),
  prefix: false,
});

describe('title coverage', () => {
  it('counts the query positions the name matches, through any alternative and plural', () => {
    const groups = [word('bluetooth'), word('speaker')];
    expect(titleCoverage('Philips SBT30 portable Bluetooth speakers', groups)).toBe(1);
    expect(titleCoverage('HP iPAQ 214 Enterprise Handheld', groups)).toBe(0);
    expect(titleCoverage('JBL Go speaker', groups)).toBe(0.5);
    expect(
      titleCoverage('HP 255 G7 Notebook Silver', [word('laptop', 'notebook computer', 'notebook')]),
    ).toBe(1);
    // A phrase alternative needs every one of its words in the name.
    expect(titleCoverage('Samsung solid 2.5" drive', [word('ssd', 'solid state drive')])).toBe(0);
    expect(titleCoverage('', [])).toBe(0);
  });

  it('completes a word still being typed', () => {
    expect(titleCoverage('Logitech headset H390', [{ alternatives: [['heads']], prefix: true }])).toBe(1);
    expect(titleCoverage('Logitech mouse', [{ alternatives: [['heads']], prefix: true }])).toBe(0);
  });
});

// Handhelds whose specifications repeat "Bluetooth" and "speaker" outrank, by bm25 over every field,
// the product whose name says it is a Bluetooth speaker but whose description is long (the other
// products give the two words their weight: a word in every product counts for nothing in bm25).
function catalogCsv(): string {
  const rows = ['product_id,name,description,price'];
  for (let i = 0; i < 5; i++) {
    rows.push(
      `HH${i},iPAQ ${i}14 Enterprise Handheld,"Bluetooth, speaker, Bluetooth speaker phone",${300 + i}`,
    );
  }
  const filler = 'Room-filling sound in a splash-proof body with a strap, ten hours of play. '.repeat(5);
  rows.push(`SP0,Philips SBT30 portable Bluetooth speaker,"${filler} Pairs over Bluetooth.",49`);
  for (let i = 0; i < 10; i++)
    rows.push(`L${i},Desk lamp ${i},"${filler} Bluetooth speaker dock sold apart.",${30 + i}`);
  for (let i = 0; i < 40; i++) rows.push(`K${i},Office keyboard ${i},Quiet keys,${20 + i}`);
  return rows.join('\n');
}

describe('a product whose name matches the query', () => {
  it('ranks above products that only list the words in their specifications', async () => {
    const ids = await keywordIds(catalogCsv(), 'bluetooth speaker', 20);
    expect(ids).toHaveLength(16);
    expect(ids[0]).toBe('SP0');
  }, 60_000);
});

describe('name length', () => {
  it('grows with the words of the name, slower and slower', () => {
    expect(nameLength('')).toBe(0);
    expect(nameLength('Logitech M185 mouse')).toBeCloseTo(Math.log(4));
    const short = nameLength('Apple iPhone 8 case');
    const long = nameLength('Case for iPhone 6 / 6s / 7 / 8 / SE, shockproof, with screen protector, black');
    expect(long).toBeGreaterThan(short);
    expect(long / short).toBeLessThan(2);
  });

  // By bm25 the bundle, whose name and description both say "wireless" and "mouse", outranks the
  // mouse whose long description never repeats them.
  it('lets the product that is the thing searched rank above a kit that names it among its parts', async () => {
    const rows = ['product_id,name,description,price'];
    rows.push(
      'KIT,"Logitech MK270 wireless keyboard and mouse combo with USB nano receiver, spill-resistant keys, long battery life for Windows laptops",A wireless mouse and a wireless keyboard that share one receiver.,39',
    );
    const lasting = 'Compact and reliable, it fits either hand and lasts a year on one battery. '.repeat(4);
    rows.push(`M185,Logitech M185 wireless mouse,"${lasting}",15`);
    const pad = 'Smooth cloth top on a rubber base that stays put on the desk. '.repeat(3);
    for (let i = 0; i < 20; i++) rows.push(`P${i},Mouse pad ${i},"${pad} For any wireless mouse.",${5 + i}`);
    for (let i = 0; i < 30; i++) rows.push(`D${i},Desk lamp ${i},Warm light for reading,${20 + i}`);
    const ids = await keywordIds(rows.join('\n'), 'wireless mouse', 5);
    expect(ids.slice(0, 2)).toEqual(['M185', 'KIT']);
  }, 60_000);
});
