import type { StockState } from '../../../shared/types.ts';
import type { SqlCondition } from '../search/filter-sql.ts';
import type { ProductRow } from '../store/products.ts';
import { splitList } from '../store/attribute-values.ts';
import { contextProduct, stockText } from './compose.ts';
import type { Conditions, OptionCondition } from './conditions.ts';
import { describeConditions, noConditions, orList, variantConditionSql } from './conditions.ts';
import type { AskEnv, Draft } from './draft.ts';
import { capitalize, formatMoney, plural } from './format.ts';
import type { VariantAsk } from './variant-question.ts';
import type { OptionValue, VariantRow } from './variant-rows.ts';
import { VariantRows } from './variant-rows.ts';
import { asTyped } from './words.ts';

// Answers about the variants of products a question names, from their own rows: what is read per
// product is bounded by its variants, what is written by the limits below, whatever the catalog size.

/** Named products answered about, each with its own facts. */
const PRODUCTS_ANSWERED = 3;
const VALUES_SHOWN = 12;
const SKUS_PER_VALUE = 4;
const VARIANTS_SHOWN = 8;
/** Answers a question about the variants of the named products, citing each product and its SKUs. */
export function answerVariants(env: AskEnv, products: ProductRow[], ask: VariantAsk): Draft {
  const shown = products.slice(0, PRODUCTS_ANSWERED);
  return {
    route: 'lookup',
    facts: shown.flatMap((p) => new ProductVariants(env, p, ask).facts()),
    products: shown.map((p) => contextProduct(p, ['price', 'stock', 'variants'], env.currency)),
    qualifying: shown.length,
    listProducts: true,
  };
}

class ProductVariants {
  private readonly env: AskEnv;
  private readonly product: ProductRow;
  private readonly ask: VariantAsk;
  private readonly label: string;
  private readonly scope: string;
  private readonly variantRows: VariantRows;

  constructor(env: AskEnv, product: ProductRow, ask: VariantAsk) {
    this.env = env;
    this.product = product;
    this.ask = ask;
    this.label = `${product.name} (${product.id})`;
    this.scope = describeConditions(ask.conditions, env.currency).join(', ');
    this.variantRows = new VariantRows(env.db, product.rowid, variantConditionSql(ask.conditions));
  }

  facts(): string[] {
    if (this.product.variantCount === 0) return this.singleItem();
    switch (this.ask.kind) {
      case 'count':
        return this.howMany();
      case 'list':
        return this.list(this.ask.conditions);
      case 'options':
        return [
          ...(this.ask.unmatched
            ? [`No: ${this.label} does not come in “${asTyped(this.env.question, this.ask.unmatched)}”.`]
            : []),
          ...this.optionNames().flatMap((n) => this.optionFacts(n)),
        ];
      case 'has':
        return this.has();
      case 'extreme':
        return this.extreme();
    }
  }

  /** A product sold as one item: what its attributes of the options' names say ("Color: Red"). */
  private singleItem(): string[] {
    const stock = stockText(this.product.stock, this.product.stockState);
    const facts = [`${this.label} has no variants: it is sold as one item${stock ? `, ${stock}` : ''}.`];
    const attributes = JSON.parse(this.product.attributes) as Record<string, unknown>;
    const { names, wanted, unknown } = this.ask;
    const asked = [
      ...names.map((name) => ({ name, values: [] as string[] })),
      ...wanted,
      ...(unknown ? [{ name: unknown.name, values: [asTyped(this.env.question, unknown.value)] }] : []),
    ];
    for (const { name, values } of asked) {
      const key = Object.keys(attributes).find((k) => sameName(k, name) && attributes[k] !== null);
      if (!key) {
        facts.push(`It has no ${name}.`);
        continue;
      }
      const stated = String(attributes[key]);
      const has = splitList(stated).some((part) => values.some((v) => sameName(part, v)));
      facts.push(`${values.length ? (has ? 'Yes: its' : 'No: its') : 'Its'} ${key} is ${stated}.`);
    }
    return facts;
  }

  private howMany(): string[] {
    const facts = [
      `${this.label} has ${plural(this.product.variantCount, 'variant')} (${this.optionsText()}).`,
    ];
    if (this.scope) {
      const n = this.countWhere(this.ask.conditions);
      facts.push(
        n === this.product.variantCount
          ? `${everyOne(n)} ${this.scope}.`
          : `${n === 0 ? 'None' : n} of them ${n === 1 ? 'is' : 'are'} ${this.scope}.`,
      );
    } else {
      facts.push(this.statesText());
    }
    return facts;
  }

  private list(conditions: Conditions): string[] {
    const where = variantConditionSql(conditions);
    const n = this.countWhere(conditions);
    const scope = describeConditions(conditions, this.env.currency).join(', ');
    if (n === 0)
      return [`None of the ${plural(this.product.variantCount, 'variant')} of ${this.label} is ${scope}.`];
    const rows = this.variants(where, 'v.position', VARIANTS_SHOWN);
    return [
      `${this.label} has ${plural(n, 'variant')}${scope ? ` ${scope}` : ''}:`,
      ...rows.map((r) => `${r.id}: ${this.variantText(r, [])}`),
      ...(n > rows.length ? [`…and ${plural(n - rows.length, 'more variant')}.`] : []),
    ];
  }

  /** The options asked about; all of the product's when the question names none ("what does it come in?"). */
  private optionNames(all = !this.ask.names.length): string[] {
    return all ? [...new Set(this.values().map((v) => v.name))] : this.ask.names;
  }

  /** "Comes in 3 Size values: S, M, L", and which of them meet the question's conditions, with SKUs. */
  private optionFacts(name: string): string[] {
    const values = this.values().filter((v) => sameName(v.name, name));
    if (!values.length) return [this.noSuchOption(name)];
    const facts = [
      `${this.label} comes in ${plural(values.length, `${name} value`)}: ${listed(values.map((v) => v.value))}.`,
    ];
    if (!this.scope) return facts;
    const meeting = values.filter((v) => v.matching > 0);
    if (!meeting.length) {
      facts.push(`None of its ${name} values is ${this.scope}. ${this.statesText()}`);
      return facts;
    }
    const skus = this.variantRows.skusByValue(values[0].name, VALUES_SHOWN * SKUS_PER_VALUE * 4);
    facts.push(
      `${capitalize(this.scope)}: ${meeting
        .slice(0, VALUES_SHOWN)
        .map((v) => `${v.value} (${skuList(skus.get(v.value.toLowerCase()) ?? [], v.matching)})`)
        .join(', ')}.`,
    );
    const others = values.filter((v) => v.matching === 0).map((v) => v.value);
    if (others.length) facts.push(`Not ${this.scope}: ${listed(others)}.`);
    return facts;
  }

  /** Whether the values asked for are offered, and which of those variants meet the conditions. */
  private has(): string[] {
    const values = this.values();
    const lacking: string[] = [];
    const { unknown } = this.ask;
    if (unknown)
      lacking.push(this.notOffered(values, unknown.name, [asTyped(this.env.question, unknown.value)]));
    const present: OptionCondition[] = [];
    for (const want of this.ask.wanted) {
      const own = values.filter(
        (v) => sameName(v.name, want.name) && want.values.some((w) => sameName(v.value, w)),
      );
      if (own.length) present.push({ ...want, values: own.map((v) => v.value) });
      else lacking.push(this.notOffered(values, want.name, want.values));
    }
    if (lacking.length || !present.length) return lacking;

    const asked = present.map((o) => `${o.name} ${orList(o.values)}`).join(' and ');
    const offered = { ...noConditions(), options: present };
    const all = this.countWhere(offered);
    if (!this.scope) {
      return [
        `Yes: ${this.label} comes in ${asked}, ${plural(all, 'variant')}:`,
        ...this.lines(offered, present),
      ];
    }
    const meeting = { ...this.ask.conditions, options: present };
    const n = this.countWhere(meeting);
    if (n === 0) {
      return [
        `No: ${this.label} comes in ${asked}, but ${all === 1 ? `its only ${asked} variant is not` : `none of its ${all} ${asked} variants is`} ${this.scope}:`,
        ...this.lines(offered, present),
      ];
    }
    const units = this.variantRows.units(variantConditionSql(meeting));
    return [
      `Yes: ${this.label} has ${asked} ${this.scope}: ${n === all ? allOf(all) : `${n} of its ${all}`} ${asked} ${all === 1 ? 'variant' : 'variants'}${units ? ` (${plural(units, 'unit')} in stock)` : ''}:`,
      ...this.lines(meeting, present),
    ];
  }

  private notOffered(values: OptionValue[], name: string, wanted: string[]): string {
    const own = values.filter((v) => sameName(v.name, name));
    if (!own.length) return `No: ${this.noSuchOption(name)}`;
    return `No: ${this.label} does not come in ${name} ${orList(wanted)}; its ${name} values are ${listed(own.map((v) => v.value))}.`;
  }

  private noSuchOption(name: string): string {
    const names = this.optionNames(true);
    return `${this.label} has no ${name} option${names.length ? `; its variants differ by ${orList(names)} (${this.optionsText()})` : ''}.`;
  }

  /** The cheapest, priciest or best-stocked variant (among those meeting the conditions), with its ties. */
  private extreme(): string[] {
    const { descending } = this.ask.order!;
    const by = this.ask.order!.by === 'stock' ? 'stock' : 'price';
    const conditions = { ...this.ask.conditions, options: this.ask.wanted };
    const where = variantConditionSql(conditions);
    const sql = { where: `${where.where} AND v.${by} IS NOT NULL`, params: where.params };
    const [top] = this.variants(sql, `v.${by} ${descending ? 'DESC' : 'ASC'}, v.position`, 1);
    const scope = describeConditions(conditions, this.env.currency).join(', ');
    const within = scope ? ` (${scope})` : '';
    if (!top)
      return [`No variant of ${this.label}${within} has a ${by === 'stock' ? 'stock count' : 'price'}.`];
    const value = (by === 'stock' ? top.stock : top.price)!;
    const tiedSql = { where: `${sql.where} AND v.${by} = ?`, params: [...sql.params, value] };
    const tied = this.variantRows.count(tiedSql);
    const [wording, amount, same] =
      by === 'stock'
        ? [
            descending ? 'best-stocked' : 'least-stocked',
            `with ${plural(value, 'unit')} in stock`,
            'have as many',
          ]
        : [descending ? 'most expensive' : 'cheapest', `at ${this.money(value)}`, 'cost the same'];
    const facts = [
      `The ${wording} variant of ${this.label}${within} is ${top.id} (${this.variantText(top, [], by)}) ${amount}.`,
    ];
    const of = this.variantRows.count(where);
    if (tied > 1 && tied === of) facts.push(`${capitalize(allOf(of))} of its variants${within} ${same}.`);
    else if (tied > 1) {
      const others = this.variants(tiedSql, 'v.position', SKUS_PER_VALUE + 1).filter((r) => r.id !== top.id);
      facts.push(
        `${plural(tied - 1, 'more variant')} ${same}: ${skuList(
          others.map((r) => r.id),
          tied - 1,
        )}.`,
      );
    }
    return facts;
  }

  /** The variants of one query as lines: SKU, the options not asked about, price and stock. */
  private lines(conditions: Conditions, asked: OptionCondition[]): string[] {
    const n = this.countWhere(conditions);
    const rows = this.variants(variantConditionSql(conditions), 'v.position', VARIANTS_SHOWN);
    return [
      ...rows.map(
        (r) =>
          `${r.id}: ${this.variantText(
            r,
            asked.map((o) => o.name),
          )}`,
      ),
      ...(n > rows.length ? [`…and ${plural(n - rows.length, 'more variant')}.`] : []),
    ];
  }

  /** "Color Green, Size S, $25.00, in stock", leaving out the options in `skip` and the `omit` field. */
  private variantText(r: VariantRow, skip: string[], omit: 'price' | 'stock' | null = null): string {
    const options = Object.entries(JSON.parse(r.options) as Record<string, string>)
      .filter(([k]) => !skip.some((s) => sameName(s, k)))
      .map(([k, v]) => `${k} ${v}`);
    const price = r.price === null || omit === 'price' ? null : this.money(r.price);
    const stock = omit === 'stock' ? null : (stockText(r.stock, r.state) ?? 'stock unknown');
    return [...options, price, stock].filter(Boolean).join(', ');
  }

  /** "Color: Green, Blue, Gray, Purple; Size: S, M, L". */
  private optionsText(): string {
    const byName = new Map<string, string[]>();
    for (const v of this.values()) byName.set(v.name, [...(byName.get(v.name) ?? []), v.value]);
    return [...byName].map(([name, values]) => `${name}: ${listed(values)}`).join('; ') || 'no options';
  }

  /** "All 12 are in stock." / "In stock: 9; out of stock: 3." */
  private statesText(): string {
    const rows = this.variantRows.states();
    const say = (state: StockState | null) => (state === null ? 'stock unknown' : stockText(null, state)!);
    if (rows.length === 1) return `${everyOne(rows[0].n)} ${say(rows[0].state)}.`;
    return `${capitalize(rows.map((r) => `${say(r.state)}: ${r.n}`).join('; '))}.`;
  }

  private money(n: number): string {
    return formatMoney(n, this.product.currency ?? this.env.currency);
  }

  private values(): OptionValue[] {
    return this.variantRows.values();
  }

  private countWhere(conditions: Conditions): number {
    return this.variantRows.count(variantConditionSql(conditions));
  }

  private variants(sql: SqlCondition, order: string, limit: number): VariantRow[] {
    return this.variantRows.rows(sql, order, limit);
  }
}

/** "its only", "both", "all 12". */
function allOf(n: number): string {
  return n === 1 ? 'its only' : n === 2 ? 'both' : `all ${n}`;
}

/** "It is", "Both are", "All 12 are". */
function everyOne(n: number): string {
  return n === 1 ? 'It is' : `${capitalize(allOf(n))} are`;
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** At most VALUES_SHOWN values, then how many more. */
function listed(values: string[]): string {
  const shown = values.slice(0, VALUES_SHOWN).join(', ');
  return values.length > VALUES_SHOWN ? `${shown} and ${values.length - VALUES_SHOWN} more` : shown;
}

/** "SRT_COT_111, SRT_COT_211 +2 more" */
function skuList(ids: string[], total: number): string {
  const shown = ids.slice(0, SKUS_PER_VALUE);
  return `${shown.join(', ')}${total > shown.length ? ` +${total - shown.length} more` : ''}`;
}
