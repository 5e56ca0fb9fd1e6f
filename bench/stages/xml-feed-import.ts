// A generated Google Merchant RSS feed of a given size imported with no index, and the same feed at a
// quarter of that size: a streamed import's peak memory should not grow with the file.
import path from 'node:path';
import type { Pools } from '../lib/generate.ts';
import type { FeedCounts } from '../lib/merchant-feed.ts';
import { writeMerchantFeed } from '../lib/merchant-feed.ts';
import type { ImportFigures, StageFailure, StageRun } from './platform-import.ts';
import { importVerified, runStage } from './platform-import.ts';

export interface XmlFeedImport extends StageRun {
  label: string;
  /** The size asked for, in MiB; the feed ends with the item that reaches it. */
  targetMib: number;
  bytes: number;
  generateMs: number;
  /** What the feed holds; the import read and stored exactly these items, products and variants. */
  generated: FeedCounts;
  /** `import --no-index`: parsing the XML, grouping the items and storing them (SQLite, FTS5). */
  import: ImportFigures & { mibPerSec: number; itemsPerSec: number };
}

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
export const MIB = 2 ** 20;

export function measureXmlFeedImport(
  pools: Pools,
  targetMib: number,
  seed: number,
): Promise<XmlFeedImport | StageFailure> {
  const label = `${targetMib} MiB`;
  return runStage(`xml feed ${label}`, async (tmp) => {
    const file = path.join(tmp, `google-merchant-${targetMib}mib-seed${seed}.xml`);
    log(`xml feed ${label}: generating ${file}`);
    const started = performance.now();
    const { bytes, counts } = await writeMerchantFeed(file, pools, targetMib * MIB, seed);
    const generateMs = Math.round(performance.now() - started);
    log(`xml feed ${label}: ${JSON.stringify({ bytes, ...counts })}; import --no-index`);
    const expected = { rows: counts.items, products: counts.products, variants: counts.variants };
    const { figures } = await importVerified(file, path.join(tmp, 'catalog'), expected, ['--no-index']);
    const seconds = Math.max(0.001, figures.engineMs / 1000);
    const imported = {
      ...figures,
      mibPerSec: Math.round((bytes / MIB / seconds) * 10) / 10,
      itemsPerSec: Math.round(counts.items / seconds),
    };
    log(`xml feed ${label}: ${JSON.stringify(imported)}`);
    return { label, targetMib, bytes, generateMs, generated: counts, import: imported };
  });
}

/** The feed at a quarter of the size, then at the size: the pair shows whether memory stays flat. */
export async function measureXmlFeedScaling(
  pools: Pools,
  targetMib: number,
  seed: number,
): Promise<(XmlFeedImport | StageFailure)[]> {
  const quarter = Math.max(1, Math.round(targetMib / 4));
  return [
    await measureXmlFeedImport(pools, quarter, seed),
    await measureXmlFeedImport(pools, targetMib, seed),
  ];
}
