import { z } from 'zod';
import type { Settings } from '../../../shared/types.ts';
import type { Db } from '../store/database.ts';
import type { Conditions } from './conditions.ts';
import { noConditions } from './conditions.ts';
import type { CatalogField } from './fields.ts';
import { catalogFields } from './fields.ts';
import { chat } from './llm.ts';
import type { Metric, Plan } from './route.ts';
import type { CatalogValue, Vocabulary } from './values.ts';
import { vocabularyOf } from './values.ts';

// When the grammar finds no structured reading, a configured local model may translate the question
// into the same structure: a form, the catalog's own fields and values. It never gives a number: the
// structure has no place for one, every field and value must be the catalog's, and the answer is then
// counted from SQL by the same routes the grammar's readings take. Anything else is ignored.

const FORMS = [
  'count',
  'list',
  'extreme',
  'average',
  'sum',
  'group-by',
  'compare-two',
  'exists-missing',
] as const;

const Condition = z.object({ field: z.string().max(100), value: z.string().max(200) }).strict();
const Conditions_ = z.array(Condition).max(6);
const Structure = z
  .object({
    form: z.enum([...FORMS, 'none']),
    conditions: Conditions_.optional(),
    field: z.string().max(100).optional(),
    direction: z.enum(['lowest', 'highest']).optional(),
    present: z.boolean().optional(),
    measure: z.enum(['count', 'average price', 'stock']).optional(),
    sides: z.tuple([Conditions_, Conditions_]).optional(),
  })
  .strict();
type Structure = z.infer<typeof Structure>;

export type Translation = { ok: true; plan: Plan } | { ok: false; reason: string };

const VALUES_SHOWN = 25;
const MAX_PROMPT_CHARS = 8_000;

const SYSTEM = [
  'You translate one question about a product catalog into a JSON structure. Reply with one JSON object and nothing else.',
  'Never answer the question and never write a number: the catalog answers it from the structure.',
  'Use only the fields and values listed, spelled as listed. If the question does not fit a form, reply {"form":"none"}.',
  'Forms: "count" and "list" (products meeting "conditions"); "extreme" ("field" price or stock, "direction" lowest or highest);',
  '"average" ("field" price or stock); "sum" ("field" stock); "group-by" ("field" to count the products by);',
  '"exists-missing" ("field", "present" true for products with a value, false for products without);',
  '"compare-two" ("sides": two lists of conditions, "measure" count, average price or stock).',
  'A condition is {"field": name, "value": one of its values}. Example: {"form":"count","conditions":[{"field":"brand","value":"Acme"}]}.',
].join(' ');

/** The fields the prompt offers, each with its most common values where it has a value list. */
function describeFields(db: Db, vocabulary: Vocabulary): string {
  const shown = (values: CatalogValue[]) =>
    values
      .slice(0, VALUES_SHOWN)
      .map((v) => JSON.stringify(v.value))
      .join(', ');
  const lines = [
    ...valueLists(vocabulary).map(([name, values]) => `${name}: ${shown(values)}`),
    `fields without a value list: ${catalogFields(db)
      .filter((f) => !valueList(vocabulary, f.label))
      .map((f) => f.label)
      .join(', ')}`,
  ];
  return lines.join('\n').slice(0, MAX_PROMPT_CHARS);
}

/** The fields with a value list, and their values; a field with none (no brands) is not one of them. */
function valueLists(vocabulary: Vocabulary): [string, CatalogValue[]][] {
  const lists: [string, CatalogValue[]][] = [
    ['category', vocabulary.categories],
    ['brand', vocabulary.brands],
    ['season', vocabulary.seasons],
    ...vocabulary.attributes.map((a): [string, CatalogValue[]] => [a.key, a.values]),
  ];
  return lists.filter(([, values]) => values.length > 0);
}

function valueList(vocabulary: Vocabulary, field: string): CatalogValue[] | null {
  const f = field.toLowerCase();
  return valueLists(vocabulary).find(([name]) => name.toLowerCase() === f)?.[1] ?? null;
}

/** Asks the local model for the structure of a question the grammar could not read. */
export async function translateWithModel(db: Db, question: string, settings: Settings): Promise<Translation> {
  const vocabulary = vocabularyOf(db);
  const reply = await chat(
    settings,
    SYSTEM,
    `Fields and their values:\n${describeFields(db, vocabulary)}\n\nQuestion: ${question}`,
    { response_format: { type: 'json_object' } },
  );
  if (!reply.ok) return reply;
  return readStructure(db, vocabulary, reply.text);
}

/** The model's reply as a plan, if it is a structure over this catalog's fields and values. */
export function readStructure(db: Db, vocabulary: Vocabulary, text: string): Translation {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^```(?:json)?\s*|\s*```$/g, ''));
  } catch {
    return { ok: false, reason: 'the model did not reply with JSON' };
  }
  const structure = Structure.safeParse(parsed);
  if (!structure.success) return { ok: false, reason: 'the model replied with another structure' };
  try {
    return toPlan(db, vocabulary, structure.data);
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

function toPlan(db: Db, vocabulary: Vocabulary, s: Structure): Translation {
  if (s.form === 'none') return { ok: false, reason: 'the model found no structure' };
  const conditions = toConditions(vocabulary, s.conditions ?? []);
  switch (s.form) {
    case 'count':
    case 'list':
      return aggregate({ kind: s.form }, conditions);
    case 'extreme': {
      const by = metric(s.field);
      const descending = s.direction === 'highest';
      if (!s.direction) throw new Error('the model gave no direction');
      return {
        ok: true,
        plan: { route: 'superlative', order: { by, descending }, count: 1, conditions, text: '' },
      };
    }
    case 'average':
      return aggregate({ kind: 'avg', of: metric(s.field) }, conditions);
    case 'sum':
      if (metric(s.field) !== 'stock') throw new Error('the model summed another field than stock');
      return aggregate({ kind: 'sum', of: 'stock' }, conditions);
    case 'group-by': {
      const field = catalogField(db, s.field);
      if (field.kind === 'column' && !['category', 'brand', 'season'].includes(field.column))
        throw new Error(`products are not grouped by ${field.label}`);
      return aggregate({ kind: 'group', field }, conditions);
    }
    case 'exists-missing':
      if (s.present === undefined) throw new Error('the model did not say with or without a value');
      return aggregate(
        { kind: 'presence', field: catalogField(db, s.field), present: s.present },
        conditions,
      );
    case 'compare-two': {
      if (!s.sides || !s.measure) throw new Error('the model gave no two sides to compare');
      const [a, b] = s.sides.map((side) => toConditions(vocabulary, side));
      const measure = s.measure === 'average price' ? 'avg-price' : s.measure;
      return { ok: true, plan: { route: 'compare-groups', ask: { measure, sides: [a, b] } } };
    }
  }
}

function aggregate(op: Extract<Plan, { route: 'aggregate' }>['op'], conditions: Conditions): Translation {
  return { ok: true, plan: { route: 'aggregate', op, conditions } };
}

function metric(field: string | undefined): Metric {
  if (field === 'price' || field === 'stock') return field;
  throw new Error(`the model measured ${field ?? 'nothing'}, not price or stock`);
}

function catalogField(db: Db, name: string | undefined): CatalogField {
  const field = catalogFields(db).find((f) => f.label.toLowerCase() === name?.toLowerCase());
  if (!field) throw new Error(`the catalog has no field ${name ?? '(none)'}`);
  return field;
}

/** Each condition's value as the catalog spells it; a field or value the catalog lacks voids the structure. */
function toConditions(vocabulary: Vocabulary, given: { field: string; value: string }[]): Conditions {
  const c = noConditions();
  for (const { field, value } of given) {
    const values = valueList(vocabulary, field);
    if (!values) throw new Error(`the catalog has no field ${field} with values`);
    const found = values.find((v) => v.value.toLowerCase() === value.trim().toLowerCase());
    if (!found) throw new Error(`${field} has no value ${value}`);
    const f = field.toLowerCase();
    if (f === 'category') c.categories.push(found.value);
    else if (f === 'brand') c.brands.push(found.value);
    else if (f === 'season') {
      const season = vocabulary.seasons.find((s) => s.value === found.value);
      c.seasons.push(found.value);
      c.seasonStrings.push(...(season?.strings ?? []));
    } else {
      const key = vocabulary.attributes.find((a) => a.key.toLowerCase() === f)?.key ?? field;
      const entry = c.attributes.find((a) => a.key === key);
      if (entry) entry.values.push(found.value);
      else c.attributes.push({ key, values: [found.value] });
    }
  }
  return c;
}
