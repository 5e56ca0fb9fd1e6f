import type { Inconsistency } from '../../../shared/health.ts';
import type { Db } from '../store/database.ts';
import type { MemberSink, ScannedProduct } from './scanned-product.ts';
import { groupSimilarValues, valueKey } from './value-key.ts';

/** An attribute with more distinct values than this is free text (a title, a URL), not a value list. */
const MAX_DISTINCT = 5000;
/** Longer values are sentences, which near-identical spelling says nothing about. */
const MAX_VALUE_CHARS = 60;

/** Amounts and measures: "1.53" and "15.3" are different numbers, not spellings of one. */
const NUMBER_LIKE = /^[\d\s.,%+\-$€£]+$/;

type Counts = Map<string, number>;

function bump(counts: Counts, key: string, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

/** A found group before its products are known: where its values live and how to select them. */
interface Group {
  scope: string;
  values: { value: string; count: number }[];
  /** Adds the group's products to the members under `grp`. */
  collect: (grp: number) => void;
}

/** Spellings of one value in `counts`, as groups, most products first. */
function spellings(counts: Counts): { value: string; count: number }[][] {
  return groupSimilarValues(counts.keys()).map((g) =>
    g.map((value) => ({ value, count: counts.get(value) as number })).sort((a, b) => b.count - a.count),
  );
}

/** Merges value counts of names that are one name spelled differently ("Colour", "Color"). */
function byNameKey(
  perName: Map<string, Counts>,
): Map<string, { label: string; names: string[]; values: Counts }> {
  const out = new Map<string, { label: string; names: string[]; values: Counts; size: number }>();
  for (const [name, values] of perName) {
    const key = valueKey(name);
    let entry = out.get(key);
    if (!entry) out.set(key, (entry = { label: name, names: [], values: new Map(), size: 0 }));
    entry.names.push(name);
    let size = 0;
    for (const [v, n] of values) {
      bump(entry.values, v, n);
      size += n;
    }
    if (size > entry.size) {
      entry.label = name;
      entry.size = size;
    }
  }
  return out;
}

/**
 * Near-identical values that are probably one: category spellings, attribute and option names
 * ("Colour"/"Color") and the values of each attribute and option ("XL"/"X-Large"), with how many
 * products carry each spelling. Counts while scanning; products of the groups are collected after.
 */
export class InconsistencyCollector {
  private readonly categories: Counts = new Map();
  private readonly attributeNames: Counts = new Map();
  private readonly attributeValues = new Map<string, Counts>();
  private readonly freeText = new Set<string>();

  add(p: ScannedProduct): void {
    if (p.category) bump(this.categories, p.category);
    for (const [name, raw] of Object.entries(p.attributes)) {
      if (raw === null || raw === '') continue;
      bump(this.attributeNames, name);
      if (typeof raw !== 'string' || this.freeText.has(name)) continue;
      const value = raw.trim();
      if (value === '' || value.length > MAX_VALUE_CHARS || NUMBER_LIKE.test(value)) continue;
      let counts = this.attributeValues.get(name);
      if (!counts) this.attributeValues.set(name, (counts = new Map()));
      bump(counts, value);
      if (counts.size > MAX_DISTINCT) {
        this.freeText.add(name);
        this.attributeValues.delete(name);
      }
    }
  }

  /**
   * Groups the values, then collects each group's products: categories and options from their indexes,
   * attributes in one more pass over the products (`rescan`), only when an attribute group was found.
   */
  finish(db: Db, members: MemberSink, rescan: (visit: (p: ScannedProduct) => void) => void): Inconsistency[] {
    const groups: Group[] = [];
    const byCategory = db
      .prepare('SELECT rowid FROM products WHERE category = ? COLLATE NOCASE AND category = ?')
      .pluck();
    for (const values of spellings(this.categories)) {
      groups.push({
        scope: 'category',
        values,
        collect: (grp) => {
          for (const { value } of values)
            for (const rowid of byCategory.all(value, value) as number[])
              members.add('values', grp, rowid, value);
        },
      });
    }

    // Attribute names, then each (merged) attribute's values: the products are found in one rescan.
    const wanted = new Map<string, Map<string | null, number>>();
    const want = (name: string, value: string | null, grp: number) => {
      let values = wanted.get(name);
      if (!values) wanted.set(name, (values = new Map()));
      values.set(value, grp);
    };
    for (const values of spellings(this.attributeNames)) {
      groups.push({
        scope: 'attribute name',
        values,
        collect: (grp) => values.forEach((v) => want(v.value, null, grp)),
      });
    }
    for (const { label, names, values } of byNameKey(this.attributeValues).values()) {
      for (const group of spellings(values)) {
        groups.push({
          scope: `attribute ${label}`,
          values: group,
          collect: (grp) => names.forEach((n) => group.forEach((v) => want(n, v.value, grp))),
        });
      }
    }

    const options = new Map<string, Counts>();
    const optionNames: Counts = new Map();
    for (const row of db
      .prepare('SELECT name, value, count(*) AS n FROM product_options GROUP BY name, value')
      .iterate() as IterableIterator<{ name: string; value: string; n: number }>) {
      let counts = options.get(row.name);
      if (!counts) options.set(row.name, (counts = new Map()));
      bump(counts, row.value, row.n);
      bump(optionNames, row.name, row.n);
    }
    const offering = db
      .prepare(
        'SELECT DISTINCT product_rowid FROM product_options WHERE name = ? AND (? IS NULL OR value = ?)',
      )
      .pluck();
    const optionGroup = (
      scope: string,
      values: { value: string; count: number }[],
      pairs: [string, string | null][],
    ) =>
      groups.push({
        scope,
        values,
        collect: (grp) => {
          for (const [name, value] of pairs)
            for (const rowid of offering.all(name, value, value) as number[])
              members.add('values', grp, rowid, value ?? name);
        },
      });
    for (const values of spellings(optionNames)) {
      optionGroup(
        'option name',
        values,
        values.map((v) => [v.value, null]),
      );
    }
    for (const { label, names, values } of byNameKey(options).values()) {
      for (const group of spellings(values)) {
        optionGroup(
          `option ${label}`,
          group,
          names.flatMap((n) => group.map((v): [string, string] => [n, v.value])),
        );
      }
    }

    groups.forEach((g, i) => g.collect(i + 1));
    if (wanted.size > 0) {
      // A product carrying two spellings of one value is one member of the group, noted once.
      rescan((p) => {
        const seen = new Set<number>();
        const note = (grp: number | undefined, what: string) => {
          if (grp === undefined || seen.has(grp)) return;
          seen.add(grp);
          members.add('values', grp, p.rowid, what);
        };
        for (const [name, raw] of Object.entries(p.attributes)) {
          const values = wanted.get(name);
          if (!values) continue;
          note(values.get(null), name);
          if (typeof raw === 'string') note(values.get(raw.trim()), raw.trim());
        }
      });
    }
    return groups.map((g, i) => ({ ref: `values#${i + 1}`, scope: g.scope, values: g.values }));
  }
}
