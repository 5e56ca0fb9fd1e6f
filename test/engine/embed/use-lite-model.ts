import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildUseLite } from '../../../models/build.ts';
import type { UseVocab } from '../../../electron/engine/embed/use-tokenizer.ts';

/** The converted USE-lite folder, converting it first if a fresh checkout has not yet. */
export async function useLiteDir(): Promise<string> {
  return (await buildUseLite()).outDir;
}

/** The int8 sibling the same build writes. */
export async function useLiteInt8Dir(): Promise<string> {
  return (await buildUseLite()).int8Dir;
}

export async function useLiteVocab(): Promise<UseVocab> {
  return JSON.parse(await readFile(join(await useLiteDir(), 'vocab.json'), 'utf8')) as UseVocab;
}

export async function productTexts(): Promise<string[]> {
  const path = join(import.meta.dirname, '../../fixtures/embed/product-texts.json');
  return (JSON.parse(await readFile(path, 'utf8')) as { texts: string[] }).texts;
}
