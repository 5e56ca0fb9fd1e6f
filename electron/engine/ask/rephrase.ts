import { quote } from '../search/analyze.ts';
import type { Db } from '../store/database.ts';
import type { Alternative } from './reading.ts';
import type { Plan } from './route.ts';
import { resolveTerms } from './terms.ts';
import type { Displaced } from './values.ts';
import { vocabularyOf } from './values.ts';
import { QUESTION_WORDS, words } from './words.ts';

// An ambiguous question is answered in one reading; the others are offered as questions that ask for
// them unambiguously, for the manager to pick with one click.

/** "Do we have more Puma or Nike products?" also asks how many there are of both together. */
const MORE_OPENING =
  /^\s*(?:(?:do|does|did)\s+(?:we|you|they|i)\s+(?:have|sell|carry|stock|offer)|are there|is there)\s+more\b/i;

export function otherReadings(db: Db, question: string, plan: Plan, setAside: Displaced[]): Alternative[] {
  const out: Alternative[] = setAside.flatMap(categoryNamed(question));
  if (plan.route === 'compare-groups' && plan.ask.measure === 'count' && MORE_OPENING.test(question)) {
    out.push({
      reading: 'both groups counted together',
      question: question.replace(MORE_OPENING, 'How many').replace(/\s+/g, ' ').trim(),
    });
  }
  // "How many products have a warranty?" of a catalog selling warranty extensions.
  if (plan.route === 'unknown-field' && !resolveTerms(db, [plan.name]).unknown.length) {
    out.push({
      reading: `name contains “${plan.name}”`,
      question: `How many products are named “${plan.name}”?`,
    });
  }
  if (plan.route === 'aggregate' && plan.conditions.categories.length && !plan.conditions.terms.length) {
    out.push(...namesBeyondCategories(db, question, plan.conditions.categories));
  }
  const brands = 'conditions' in plan ? plan.conditions.brands : [];
  out.push(...unreadBrands(db, question, brands));
  return out;
}

/** "How many black products?" read as colour Black also asks about the category BLACK: "…BLACK category…". */
const categoryNamed =
  (question: string) =>
  (d: Displaced): Alternative[] => {
    const asked = question.replace(
      new RegExp(`\\b${escapeRegExp(d.word)}\\b`, 'i'),
      `${d.category} category`,
    );
    // A word typed in another form than its reading (accents) is not offered as the same question again.
    return asked === question ? [] : [{ reading: `category = ${d.category}`, question: asked }];
  };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Brands spelled with question words ("AND", "One") that the question contains but were read as
 * words: offered as a brand ("…by AND").
 */
function unreadBrands(db: Db, question: string, read: string[]): Alternative[] {
  const typed = new Set(words(question).map((w) => w.text));
  const stem = question.replace(/[\s?.!]+$/, '');
  return vocabularyOf(db)
    .brands.filter(
      (b) =>
        b.words.length > 0 &&
        b.words.every((w) => QUESTION_WORDS.has(w.text) && typed.has(w.text)) &&
        !read.includes(b.value),
    )
    .slice(0, 2)
    .map((b) => ({ reading: `brand = ${b.value}`, question: `${stem} by ${b.value}?` }));
}

/**
 * "How many notebooks are there?" counts the Notebook category; where the catalog also names products
 * "notebook" outside it (a category column filled for a few products only), counting by name is offered.
 */
function namesBeyondCategories(db: Db, question: string, categories: string[]): Alternative[] {
  const categoryWords = categories.flatMap((c) => words(c));
  const asked = words(question).filter(
    (w) => !QUESTION_WORDS.has(w.text) && categoryWords.some((c) => c.stems.some((s) => w.stems.includes(s))),
  );
  const outside = db.prepare(
    `SELECT 1 FROM products_fts f JOIN products p ON p.rowid = f.rowid WHERE products_fts MATCH ?
     AND coalesce(p.category, '') COLLATE NOCASE NOT IN (SELECT value FROM json_each(?)) LIMIT 1`,
  );
  return asked
    .filter((w) => outside.get(`{name} : ${quote(w.text)}`, JSON.stringify(categories)))
    .slice(0, 1)
    .map((w) => ({
      reading: `name contains “${w.text}”`,
      question: `How many products are named “${w.text}”?`,
    }));
}
