import { describe, expect, it } from 'vitest';
import { planRun } from '../../../bench/lib/plan.ts';

describe('planRun', () => {
  it('runs everything by default: 100k-product Shopify CSV, a 1024 MiB feed and health at 100k, or 2000, 16 MiB and 2k quick', () => {
    expect(planRun({ quick: false })).toEqual({
      only: null,
      catalogs: true,
      relevance: true,
      shopify: [100_000],
      xmlMib: 1024,
      health: [100_000],
      team: [100_000],
      cache: [100_000],
    });
    expect(planRun({ quick: true })).toEqual({
      only: null,
      catalogs: true,
      relevance: true,
      shopify: [2000],
      xmlMib: 16,
      health: [2000],
      team: [2000],
      cache: [2000],
    });
  });

  it('takes sizes for the health stage, and skips it on --no-health', () => {
    expect(planRun({ quick: false, health: '100k,1m' })).toMatchObject({ health: [100_000, 1_000_000] });
    expect(planRun({ quick: false, 'no-health': true })).toMatchObject({
      health: { skipped: 'not requested (--no-health)' },
    });
  });

  it('takes sizes for the Shopify CSV and MiB for the feed', () => {
    expect(planRun({ quick: false, shopify: '2k,100000', 'xml-mb': '64' })).toMatchObject({
      shopify: [2000, 100_000],
      xmlMib: 64,
    });
  });

  it('skips a stage on --no-shopify / --no-xml / --no-team, saying why', () => {
    expect(planRun({ quick: false, 'no-shopify': true, 'no-xml': true, 'no-team': true })).toMatchObject({
      team: { skipped: 'not requested (--no-team)' },
      catalogs: true,
      shopify: { skipped: 'not requested (--no-shopify)' },
      xmlMib: { skipped: 'not requested (--no-xml)' },
    });
  });

  it('with --only, runs just the stages named, and no catalogs', () => {
    expect(planRun({ quick: false, only: 'shopify' })).toEqual({
      only: ['shopify'],
      catalogs: false,
      relevance: false,
      shopify: [100_000],
      xmlMib: { skipped: 'not run (--only shopify)' },
      health: { skipped: 'not run (--only shopify)' },
      team: { skipped: 'not run (--only shopify)' },
      cache: { skipped: 'not run (--only shopify)' },
    });
    expect(planRun({ quick: false, only: 'team', team: '10k' })).toMatchObject({
      only: ['team'],
      catalogs: false,
      team: [10_000],
      shopify: { skipped: 'not run (--only team)' },
    });
    expect(planRun({ quick: true, only: 'xml,shopify', shopify: '500' })).toMatchObject({
      only: ['xml', 'shopify'],
      shopify: [500],
      xmlMib: 16,
    });
  });

  it('measures the cache at generated sizes, or on catalogs built beforehand with --cache-catalog', () => {
    expect(planRun({ quick: false, only: 'cache', cache: '100k,1m' })).toMatchObject({
      only: ['cache'],
      cache: [100_000, 1_000_000],
      health: { skipped: 'not run (--only cache)' },
    });
    expect(planRun({ quick: false, only: 'cache', 'cache-catalog': '/data/a,/data/b' })).toMatchObject({
      cache: ['/data/a', '/data/b'],
    });
    expect(planRun({ quick: false, 'no-cache': true })).toMatchObject({
      cache: { skipped: 'not requested (--no-cache)' },
    });
  });

  it('runs relevance alone with --only relevance, and not at all with --no-relevance', () => {
    expect(planRun({ quick: false, only: 'relevance' })).toEqual({
      only: ['relevance'],
      catalogs: false,
      relevance: true,
      shopify: { skipped: 'not run (--only relevance)' },
      xmlMib: { skipped: 'not run (--only relevance)' },
      health: { skipped: 'not run (--only relevance)' },
      team: { skipped: 'not run (--only relevance)' },
      cache: { skipped: 'not run (--only relevance)' },
    });
    expect(planRun({ quick: false, 'no-relevance': true })).toMatchObject({
      catalogs: true,
      relevance: false,
    });
  });

  it('refuses an unknown stage and a size that is not one', () => {
    expect(() => planRun({ quick: false, only: 'shopify,peers' })).toThrow(
      /--only takes shopify, xml, relevance, health, team, cache/,
    );
    expect(() => planRun({ quick: false, 'xml-mb': 'lots' })).toThrow(/--xml-mb/);
    expect(() => planRun({ quick: false, 'xml-mb': '0' })).toThrow(/--xml-mb/);
    expect(() => planRun({ quick: false, shopify: 'many' })).toThrow(/not a catalog size/);
  });
});
