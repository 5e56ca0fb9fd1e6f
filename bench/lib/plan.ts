// Which stages a run measures: the generated catalogs (with peers), relevance (Icecat and the fashion
// catalogs), the platform exports (a Shopify CSV, a Google Merchant XML feed) and the health pass with
// the export, from the command line.
import { parseSize } from './sizes.ts';

export const ONLY_STAGES = ['shopify', 'xml', 'relevance', 'health', 'team', 'cache'] as const;
export type OnlyStage = (typeof ONLY_STAGES)[number];

export interface PlanOptions {
  quick: boolean;
  only?: string;
  shopify?: string;
  'no-shopify'?: boolean;
  'xml-mb'?: string;
  'no-xml'?: boolean;
  'no-relevance'?: boolean;
  health?: string;
  'no-health'?: boolean;
  team?: string;
  'no-team'?: boolean;
  cache?: string;
  'cache-catalog'?: string;
  'no-cache'?: boolean;
}

export interface Plan {
  /** The stages named by `--only`; null for a whole run. */
  only: OnlyStage[] | null;
  /** The generated catalogs and the peers (a whole run only). */
  catalogs: boolean;
  /** Relevance on the Icecat judgments and the fashion catalogs (a whole run, or --only relevance). */
  relevance: boolean;
  shopify: number[] | { skipped: string };
  xmlMib: number | { skipped: string };
  /** Catalog sizes the health pass and the export are measured at. */
  health: number[] | { skipped: string };
  /** Team catalogs on a throwaway PostgreSQL: the catalog sizes published and opened. */
  team: number[] | { skipped: string };
  /**
   * The result cache (bench/query-cache.ts): generated catalog sizes, or catalogs built beforehand
   * (`--cache-catalog DIR,...`, e.g. 1M products with vectors: copied, never written) instead.
   */
  cache: number[] | string[] | { skipped: string };
}

const DEFAULTS = {
  quick: { shopify: '2000', xmlMib: '16', health: '2k', team: '2000', cache: '2k' },
  full: { shopify: '100000', xmlMib: '1024', health: '100k', team: '100000', cache: '100k' },
};

export function planRun(o: PlanOptions): Plan {
  const only = o.only === undefined ? null : o.only.split(',').map((s) => s.trim());
  const unknown = only?.filter((s) => !(ONLY_STAGES as readonly string[]).includes(s)) ?? [];
  if (unknown.length)
    throw new Error(`--only takes ${ONLY_STAGES.join(', ')} (comma-separated), not ${unknown}`);
  const defaults = o.quick ? DEFAULTS.quick : DEFAULTS.full;
  const skip = (stage: OnlyStage, flag: string): { skipped: string } | null => {
    if (only) return only.includes(stage) ? null : { skipped: `not run (--only ${only.join(',')})` };
    return o[flag as 'no-shopify' | 'no-xml' | 'no-health' | 'no-team' | 'no-cache']
      ? { skipped: `not requested (--${flag})` }
      : null;
  };
  const mib = Number(o['xml-mb'] ?? defaults.xmlMib);
  if (!(mib > 0)) throw new Error(`--xml-mb takes a size in MiB, not "${o['xml-mb']}"`);
  return {
    only: only as OnlyStage[] | null,
    catalogs: only === null,
    relevance: !o['no-relevance'] && (only === null || only.includes('relevance')),
    shopify: skip('shopify', 'no-shopify') ?? (o.shopify ?? defaults.shopify).split(',').map(parseSize),
    xmlMib: skip('xml', 'no-xml') ?? mib,
    health: skip('health', 'no-health') ?? (o.health ?? defaults.health).split(',').map(parseSize),
    team: skip('team', 'no-team') ?? (o.team ?? defaults.team).split(',').map(parseSize),
    cache:
      skip('cache', 'no-cache') ??
      (o['cache-catalog']
        ? o['cache-catalog'].split(',')
        : (o.cache ?? defaults.cache).split(',').map(parseSize)),
  };
}
