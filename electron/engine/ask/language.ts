import type { Db } from '../store/database.ts';
import type { Draft } from './draft.ts';
import { resolveTerms } from './terms.ts';
import type { Word } from './words.ts';
import { GRAMMAR_WORDS, QUESTION_WORDS } from './words.ts';

// The built-in answers read English. A question in another language ("¿Cuántos productos hay?") is said
// to be one, instead of searching the catalog for its words and answering about whatever matched.

/** The commonest short words of the languages shops most often write in, none an English word. */
const FOREIGN_WORDS = new Set(
  `cuantos cuantas cuanto que cual cuales hay tiene tienen los las del por para una unos productos
  combien quel quelle quels sont avez vous nous les des produits avec sans pour dans
  wie viele welche gibt sind ist haben der das und mit ohne fur produkte
  quanti quante quale sono abbiamo prodotti senza
  quantos quantas tem temos sao produtos
  hoeveel welke zijn hebben het een producten met zonder`
    .split(/\s+/)
    .filter(Boolean),
);
const NON_LATIN = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;

/**
 * Whether the question reads as another language: more of its words common in another language than
 * English question words, or no English word and a script no product word uses.
 */
export function readsAsForeign(db: Db, typed: Word[], residual: Word[]): boolean {
  const english = typed.filter((w) => QUESTION_WORDS.has(w.text) || GRAMMAR_WORDS.has(w.text)).length;
  // "Quanti prodotti sono in saldo?": "in" is English too; the other language has more of the words.
  const foreign = typed.filter((w) => FOREIGN_WORDS.has(w.text)).length;
  if (foreign > english) return true;
  if (english > 0) return false;
  const unknown = resolveTerms(
    db,
    residual.map((w) => w.text),
  ).unknown;
  return unknown.some((w) => NON_LATIN.test(w));
}

export function answerForeign(): Draft {
  return {
    route: 'no-match',
    facts: [
      'This question does not read as English, the language the built-in answers understand; nothing was counted.',
      'Asked in English (“How many products are in stock?”, “Which jackets are waterproof?”), it is answered from the catalog.',
    ],
    products: [],
    qualifying: 0,
    listProducts: false,
  };
}
