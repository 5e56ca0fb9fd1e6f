import { formatMoney } from './format.ts';
import type { Conditions } from './conditions.ts';
import { askedStates } from './conditions.ts';
import type { GroupComparison } from './compare-groups.ts';
import type { Plan } from './route.ts';

// The question as the engine read it, over the catalog's own fields and values: its form, what it
// measures, and each condition as field = value. The answer shows it, so a wrong reading is visible.

/** Another reading of the same question, and a question that asks for it unambiguously. */
export interface Alternative {
  reading: string;
  question: string;
}

export interface Reading {
  /** "counted", "average price", "compared (count)", "described"… */
  form: string;
  /** Conditions as "field = value". */
  where: string[];
  /** Set for compare-two: each side's conditions. */
  sides?: [string[], string[]];
}

const OPS: Record<string, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '=': '=' };

/** Each condition as "field = value", in the catalog's own names. */
export function conditionPairs(c: Conditions, currency: string | null): string[] {
  const pairs: string[] = [];
  const one = (field: string, values: string[]) => {
    if (values.length) pairs.push(`${field} = ${values.join(' | ')}`);
  };
  one('category', c.categories);
  one('brand', c.brands);
  one('season', c.seasons);
  for (const a of c.attributes) one(a.key, a.values);
  for (const o of c.options) one(`option ${o.name}`, o.values);
  const states = askedStates(c);
  one('stock state', states);
  for (const cmp of c.comparisons) {
    if (cmp.field === 'stock' && cmp.value === 0 && (cmp.op === '>' || cmp.op === '<=')) continue;
    const value = cmp.field === 'price' ? formatMoney(cmp.value, currency) : String(cmp.value);
    pairs.push(`${cmp.field} ${OPS[cmp.op]} ${value}`);
  }
  if (c.onSale) pairs.push('compare-at price > price');
  for (const t of c.terms) pairs.push(`name contains “${t}”`);
  return pairs;
}

function aggregateForm(plan: Extract<Plan, { route: 'aggregate' }>): string {
  const op = plan.op;
  switch (op.kind) {
    case 'count':
      return 'counted';
    case 'list':
      return 'listed';
    case 'sum':
      return op.of === 'stock' ? 'sum of stock' : 'sum of price × stock';
    case 'avg':
      return `average ${op.of}`;
    case 'min':
    case 'max':
      return `${op.kind === 'min' ? 'lowest' : 'highest'} ${op.of}`;
    case 'range':
      return `${op.of} range`;
    case 'distinct':
      return `distinct ${op.of} values`;
    case 'variants':
      return 'variants counted';
    case 'option-values':
      return `values of option ${op.name}`;
    case 'presence':
      return `counted: ${op.field.label} ${op.present ? 'has a value' : 'is empty'}`;
    case 'group':
      return `grouped by ${op.field.label}`;
  }
}

function compareForm(ask: GroupComparison): string {
  return ask.measure === 'count'
    ? 'compared (count)'
    : ask.measure === 'stock'
      ? 'compared (units in stock)'
      : 'compared (average price)';
}

/** The plan in the reading's terms. */
export function readingOf(plan: Plan, currency: string | null): Reading {
  switch (plan.route) {
    case 'aggregate':
      return { form: aggregateForm(plan), where: conditionPairs(plan.conditions, currency) };
    case 'compare-groups':
      return {
        form: compareForm(plan.ask),
        where: [],
        sides: [conditionPairs(plan.ask.sides[0], currency), conditionPairs(plan.ask.sides[1], currency)],
      };
    case 'superlative':
      return {
        form: `${plan.order.descending ? 'highest' : 'lowest'} ${plan.order.by === 'added' ? 'date added' : plan.order.by} (top ${plan.count})`,
        where: [
          ...conditionPairs(plan.conditions, currency),
          ...(plan.text ? [`matching “${plan.text}”`] : []),
        ],
      };
    case 'descriptive':
      return {
        form: 'described',
        where: [
          ...conditionPairs(plan.conditions, currency),
          ...(plan.noun ? [`product type = ${plan.noun.label}`] : []),
          ...(plan.text ? [`ranked by “${plan.text}”`] : []),
        ],
      };
    case 'lookup':
    case 'variants':
    case 'comparison':
      return {
        form: plan.route === 'comparison' ? 'compared (products)' : 'looked up',
        where: plan.products.map((p) => `product = ${p.name} (${p.id})`),
      };
    case 'unknown-id':
      return { form: 'looked up', where: plan.codes.map((c) => `id = ${c}`) };
    case 'foreign':
      return { form: 'not read', where: ['the question is not in English'] };
    case 'unknown-field':
      return { form: `asked about field “${plan.name}”`, where: ['no such field'] };
  }
}

/** "counted: category = Accessories, brand = Sony"; "compared (count): brand = Sony vs brand = Panasonic". */
export function renderReading(r: Reading): string {
  if (r.sides) return `${r.form}: ${r.sides.map((s) => s.join(', ') || 'all products').join(' vs ')}`;
  if (r.form.includes(':')) return r.where.length ? `${r.form}, ${r.where.join(', ')}` : r.form;
  return `${r.form}: ${r.where.join(', ') || 'all products'}`;
}
