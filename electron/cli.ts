// The `shelfscope` command: the CLI contract of ARCHITECTURE.md over the same engine code the app uses.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type {
  CatalogStats,
  Format,
  ImportResult,
  IndexTiming,
  JobPhase,
  JobProgress,
  ModelInfo,
  RejectedRow,
  SearchHit,
  SearchMode,
} from '../shared/types.ts';
import { MAX_QUERY_CHARS } from '../shared/api.ts';
import {
  describeRepair,
  detectionLine,
  Filters,
  FORMATS,
  SEARCH_MODES,
  timingShares,
} from '../shared/types.ts';
import { answerQuestion } from './engine/ask/answer.ts';
import type { CatalogService } from './engine/catalog-service.ts';
import { parseMapOverrides } from './engine/catalog/mapping.ts';
import { describeIssues } from './engine/dispatch.ts';
import { EngineError } from './engine/errors.ts';
import { ProgressMeter } from './engine/jobs/progress.ts';
import { openCatalog as openCatalogWithModel } from './engine/catalog-models.ts';
import { defaultModelsDir } from './engine/embed/models-dir.ts';
import { ModelRegistry } from './engine/model-store/model-registry.ts';
import { loadSettings } from './engine/settings.ts';
import { parseFilterExpressions } from './engine/search/filter-expressions.ts';
import { describeHealth } from './engine/health/describe-report.ts';
import { ExportRequest, HealthOptions } from '../shared/health.ts';
import { describeInsights } from './insights-text.ts';
import { TEAM_USAGE, teamCommand } from './cli-team.ts';

const USAGE = `Usage:
  shelfscope import FILE --catalog DIR [--format csv|tsv|json|jsonl|xlsx|xml] [--sheet NAME] [--map field=column ...] [--no-index] [--json]
  shelfscope index  --catalog DIR [--json]
  shelfscope search --catalog DIR [--mode hybrid|keyword|semantic] [--limit N] [--filter EXPR ...] (QUERY | --queries FILE) [--json]
  shelfscope ask    --catalog DIR QUESTION [--json]
  shelfscope stats  --catalog DIR [--json]
  shelfscope health --catalog DIR [--min-words N] [--similarity S] [--json]
  shelfscope export --catalog DIR [QUERY] [--mode M] [--filter EXPR ...] [--variants rows|nested] --out FILE.csv|FILE.xlsx [--json]
  shelfscope export --catalog DIR --report top|zeroResult|slowest --out FILE.csv|FILE.xlsx [--json]   (an insights list)
  shelfscope insights --catalog DIR [--clear] [--json]   (the query log: top, zero-result and slowest queries)
  shelfscope models list [--json]
  shelfscope models add DIR|ZIP|URL|OWNER/NAME [--name NAME] [--sha256 HEX] [--json]
  shelfscope models remove NAME
  shelfscope reembed --catalog DIR --model NAME [--json]
${TEAM_USAGE}

Filters: price<50  price>=20  category=Bags  brand=Nike  instock  onsale  option.Size=M  season=Winter  ATTRIBUTE=VALUE
         health=FINDING (the products of a health finding: health=duplicates, health=missing:field:brand)
Exit codes: 0 success, 1 bad input (reason on stderr), 2 usage error. --debug prints the stack of an internal error.`;

class UsageError extends Error {}

const OPTIONS = {
  catalog: { type: 'string' },
  format: { type: 'string' },
  sheet: { type: 'string' },
  map: { type: 'string', multiple: true },
  'no-index': { type: 'boolean' },
  json: { type: 'boolean' },
  mode: { type: 'string' },
  limit: { type: 'string' },
  filter: { type: 'string', multiple: true },
  queries: { type: 'string' },
  model: { type: 'string' },
  name: { type: 'string' },
  sha256: { type: 'string' },
  server: { type: 'string' },
  force: { type: 'boolean' },
  debug: { type: 'boolean' },
  out: { type: 'string' },
  variants: { type: 'string' },
  report: { type: 'string' },
  'min-words': { type: 'string' },
  similarity: { type: 'string' },
  clear: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    return usage((e as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) return usage(values.help ? null : 'no command given');
  try {
    switch (command) {
      case 'import':
        return await importCommand(values, rest);
      case 'index':
        return await indexCommand(values);
      case 'search':
        return await searchCommand(values, rest);
      case 'ask':
        return await askCommand(values, rest);
      case 'stats':
        return await statsCommand(values);
      case 'health':
        return await healthCommand(values);
      case 'export':
        return await exportCommand(values, rest);
      case 'insights':
        return await insightsCommand(values);
      case 'models':
        return await modelsCommand(values, rest);
      case 'reembed':
        return await reembedCommand(values);
      case 'team':
        return await teamCommand(rest, {
          values,
          open: (create) => openCatalog(values, create),
          meter: progressMeter,
          print,
          usageError: (message) => new UsageError(message),
        });
      default:
        return usage(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message);
    if (e instanceof EngineError && e.code !== 'internal') {
      process.stderr.write(`shelfscope: ${e.message}\n`);
      return 1;
    }
    if ((e as { code?: unknown }).code === 'SQLITE_BUSY') {
      // Another process (a second CLI run, or the app) holds the catalog's write lock past the busy timeout.
      process.stderr.write(
        'shelfscope: the catalog is busy: another process is writing to it; try again when it has finished\n',
      );
      return 1;
    }
    // One line a user can quote; the stack is for whoever debugs it.
    const detail = values.debug ? ((e as Error).stack ?? String(e)) : firstLine(e);
    process.stderr.write(`shelfscope: internal error: ${detail}\n`);
    if (!values.debug) process.stderr.write('shelfscope: run again with --debug for the details\n');
    return 1;
  }
}

function usage(problem: string | null): number {
  if (problem) process.stderr.write(`shelfscope: ${problem}\n\n${USAGE}\n`);
  else process.stdout.write(`${USAGE}\n`);
  return problem ? 2 : 0;
}

function catalogDir(values: Values): string {
  if (!values.catalog) throw new UsageError('--catalog DIR is required');
  return path.resolve(values.catalog);
}

/** The models this CLI sees: the bundled ones and those added to the app's data dir. */
function modelRegistry(): ModelRegistry {
  return new ModelRegistry({ bundledDir: defaultModelsDir(), dataDir: cliDataDir() });
}

function openCatalog(values: Values, create = false): CatalogService {
  return openCatalogWithModel(catalogDir(values), modelRegistry(), { create });
}

async function modelsCommand(values: Values, args: string[]): Promise<number> {
  const [action, ...operands] = args;
  const registry = modelRegistry();
  if (action === 'list') {
    if (operands.length) throw new UsageError('models list takes no arguments');
    await Promise.all(registry.names().map((name) => registry.measureBuiltIn(name)));
    const models = await registry.list();
    if (values.json) print(models);
    else for (const m of models) process.stdout.write(`${describeModel(m)}\n`);
    return 0;
  }
  if (action === 'add') {
    if (operands.length !== 1) throw new UsageError('models add takes one DIR, ZIP, URL or OWNER/NAME');
    const meter = progressMeter('', 'model');
    let phase: JobPhase = 'reading';
    const model = await registry.add(operands[0], {
      name: values.name,
      sha256: values.sha256,
      onProgress(next, done, total) {
        if (next !== phase) meter.startPhase((phase = next));
        meter.update(done, total, done === total);
      },
    });
    meter.finish('done', 1, 1);
    if (values.json) print(model);
    else process.stdout.write(`added ${describeModel(model)}\n`);
    return 0;
  }
  if (action === 'remove') {
    if (operands.length !== 1) throw new UsageError('models remove takes one NAME');
    registry.remove(operands[0]);
    process.stdout.write(`removed ${operands[0]}\n`);
    return 0;
  }
  throw new UsageError('models takes list, add or remove');
}

/** "all-minilm-l6-v2  384-d  90.4 MB  812 texts/s  mean pooling, 256 tokens  used by: Hermes store". */
function describeModel(m: ModelInfo): string {
  const size = `${(m.bytes / 1e6).toFixed(1)} MB`;
  const speed = m.textsPerSec === null ? 'speed not measured' : `${m.textsPerSec} texts/s`;
  const flags = [m.builtIn && 'built in', m.isDefault && 'default'].filter(Boolean).join(', ');
  const users = m.catalogs.length ? m.catalogs.map((c) => `${c.name} (${c.dir})`).join(', ') : 'no catalog';
  return `${m.name}${flags ? ` [${flags}]` : ''}  ${m.dimensions}-d  ${size}  ${speed}  ${m.pooling} pooling, ${m.maxTokens} tokens  used by: ${users}`;
}

async function reembedCommand(values: Values): Promise<number> {
  if (!values.model) throw new UsageError('reembed needs --model NAME');
  const registry = modelRegistry();
  const provider = registry.provider(values.model);
  const catalog = openCatalog(values);
  try {
    const result = await catalog.reembed(provider, randomUUID(), progressMeter(catalog.id, 'reembed'));
    if (values.json) print(result);
    else
      process.stdout.write(
        `re-embedded ${result.embedded + result.resumed} products with ${result.model}${result.resumed ? ` (${result.resumed} resumed from an interrupted run)` : ''}, ${result.textsPerSec} texts/s, ${(result.tookMs / 1000).toFixed(1)} s; the catalog now searches with it\n`,
      );
    return 0;
  } finally {
    catalog.close();
  }
}

/** The app's data dir (where added models live): SHELFSCOPE_DATA_DIR, else Electron's userData path. */
function cliDataDir(): string {
  if (process.env.SHELFSCOPE_DATA_DIR) return process.env.SHELFSCOPE_DATA_DIR;
  const home = os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'shelfscope');
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'shelfscope');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'shelfscope');
}

async function importCommand(values: Values, args: string[]): Promise<number> {
  if (args.length !== 1) throw new UsageError('import takes exactly one FILE');
  const file = path.resolve(args[0]);
  if (!fs.existsSync(file)) throw new EngineError('bad-file', `${args[0]}: no such file`);
  if (values.format && !(FORMATS as readonly string[]).includes(values.format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  }
  let mapping;
  try {
    mapping = parseMapOverrides(values.map ?? []);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const catalog = openCatalog(values, true);
  try {
    const result = await catalog.importFile(
      {
        file,
        format: values.format as Format | undefined,
        sheet: values.sheet,
        mapping,
        index: !values['no-index'],
        jobId: randomUUID(),
      },
      progressMeter(catalog.id, 'import'),
    );
    const nothing = result.imported + result.updated + result.unchanged === 0;
    if (values.json) {
      print(result);
    } else {
      const { imported, updated, unchanged, removed, rejected, embedded, detection, variantChanges } = result;
      if (detection) process.stdout.write(`${detectionLine(detection)}\n`);
      process.stdout.write(
        `imported ${imported}, updated ${updated}, unchanged ${unchanged}, removed ${removed}, rejected ${rejected}, embedded ${embedded} (${(result.tookMs / 1000).toFixed(1)} s)\n`,
      );
      if (variantChanges && variantChanges.added + variantChanges.updated + variantChanges.removed > 0) {
        const { added, updated: changed, unchanged: same, removed: gone } = variantChanges;
        process.stdout.write(
          `variants: added ${added}, updated ${changed}, unchanged ${same}, removed ${gone}\n`,
        );
      }
      if (!nothing) writeRejected(process.stdout, result.rejectedRows, 50);
    }
    if (nothing) {
      // A script must be able to tell a file of which nothing could be used from an import.
      writeRejected(process.stderr, result.rejectedRows, 10);
      process.stderr.write(`shelfscope: ${path.basename(file)}: ${nothingImported(result)}\n`);
      return 1;
    }
    return 0;
  } finally {
    catalog.close();
  }
}

function writeRejected(out: NodeJS.WriteStream, rows: RejectedRow[], most: number): void {
  for (const r of rows.slice(0, most)) {
    out.write(`  rejected ${r.file} row ${r.row}, field ${r.field}: ${r.reason}\n`);
  }
  if (rows.length > most) out.write(`  … and ${rows.length - most} more (use --json for all)\n`);
}

/** Why an import that ran to its end brought no product in; the last line of its stderr. */
function nothingImported(result: ImportResult): string {
  const rows = result.detection?.rows ?? result.rejected;
  const skipped = Object.values(result.detection?.skipped ?? {}).reduce((a, b) => a + b, 0);
  const counts = [result.rejected && `${result.rejected} rejected`, skipped && `${skipped} skipped`];
  const why =
    result.rejected === rows
      ? `all ${rows} rows were rejected`
      : `no product could be made of its ${rows} rows (${counts.filter(Boolean).join(', ') || 'none usable'})`;
  const listed = result.rejected > 0 ? ', the first rejected ones listed above' : '';
  return `nothing imported: ${why}${listed}; the catalog is unchanged`;
}

async function indexCommand(values: Values): Promise<number> {
  const catalog = openCatalog(values);
  try {
    const result = await catalog.index(randomUUID(), progressMeter(catalog.id, 'index'));
    if (values.json) print(result);
    else
      process.stdout.write(`embedded ${result.embedded} products (${(result.tookMs / 1000).toFixed(1)} s)\n`);
    return 0;
  } finally {
    catalog.close();
  }
}

async function searchCommand(values: Values, args: string[]): Promise<number> {
  const mode = (values.mode ?? 'hybrid') as SearchMode;
  if (!(SEARCH_MODES as readonly string[]).includes(mode))
    throw new UsageError(`--mode must be one of ${SEARCH_MODES.join(', ')}`);
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new UsageError('--limit must be an integer from 1 to 1000');
  const filters = filtersOf(values);
  if (values.queries && args.length) throw new UsageError('give either QUERY or --queries FILE, not both');
  if (!values.queries && args.length === 0) throw new UsageError('search needs a QUERY or --queries FILE');
  const queries = values.queries ? readQueries(values.queries) : [args.join(' ')];
  const tooLong = queries.findIndex((q) => q.length > MAX_QUERY_CHARS);
  if (tooLong >= 0) {
    const where = values.queries ? `query ${tooLong + 1} of ${values.queries}` : 'the query';
    throw new EngineError(
      'invalid-input',
      `${where} is ${queries[tooLong].length.toLocaleString('en-US')} characters; at most ${MAX_QUERY_CHARS.toLocaleString('en-US')} are searched`,
    );
  }
  const catalog = openCatalog(values);
  catalog.queryLog.enabled = loadSettings(settingsDirOf(catalogDir(values))).queryLog !== false;
  try {
    for (const query of queries) {
      const result = await catalog.search({ query, mode, limit, filters }, { record: true });
      if (values.json) {
        print(result);
        continue;
      }
      process.stdout.write(`${result.total} results for “${query}” (${result.tookMs} ms, ${mode})\n`);
      for (const c of result.corrections) process.stdout.write(`  (searched “${c.to}” for “${c.from}”)\n`);
      if (result.emptyReason) process.stdout.write(`  ${result.emptyReason}\n`);
      result.hits.forEach((h, i) => {
        process.stdout.write(
          `${String(i + 1).padStart(3)}. ${h.id}  ${h.name}${hitDetails(h)}  [${h.score}]\n`,
        );
      });
    }
    return 0;
  } finally {
    catalog.close();
  }
}

/** "  17.99–25 USD (was 22.99)  stock 50  12 variants  (matched variant SRT_COT_122)". */
function hitDetails(h: SearchHit): string {
  const parts: string[] = [];
  if (h.price !== null) {
    const range = h.priceMax !== null ? `${h.price}–${h.priceMax}` : String(h.price);
    const was = h.compareAtPrice !== null && h.compareAtPrice > h.price ? ` (was ${h.compareAtPrice})` : '';
    parts.push(`${range}${h.currency ? ` ${h.currency}` : ''}${was}`);
  }
  if (h.stock !== null) parts.push(`stock ${h.stock}`);
  else if (h.stockState !== null) parts.push(h.stockState);
  if (h.variantCount > 0) parts.push(`${h.variantCount} variant${h.variantCount === 1 ? '' : 's'}`);
  if (h.matchedVariant !== null) parts.push(`(matched variant ${h.matchedVariant})`);
  return parts.map((p) => `  ${p}`).join('');
}

/** The --filter expressions as the shared Filters schema has them, with the bounds the app's IPC applies. */
function filtersOf(values: { filter?: string[] }): Filters {
  let parsedFilters: Filters;
  try {
    parsedFilters = parseFilterExpressions(values.filter ?? []);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const checked = Filters.safeParse(parsedFilters);
  if (!checked.success) throw new UsageError(`--filter: ${describeIssues(checked.error)}`);
  return checked.data;
}

function readQueries(file: string): string[] {
  if (!fs.existsSync(file)) throw new EngineError('bad-file', `${file}: no such file`);
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((q) => q.trim())
    .filter(Boolean);
}

async function askCommand(values: Values, args: string[]): Promise<number> {
  if (args.length === 0) throw new UsageError('ask needs a QUESTION');
  const catalog = openCatalog(values);
  try {
    const settings = loadSettings(settingsDirOf(catalogDir(values)));
    const answer = await answerQuestion(catalog, args.join(' '), settings);
    if (values.json) print(answer);
    else {
      process.stdout.write(`${answer.answer}\n`);
      if (answer.citations.length) process.stdout.write(`\nSources: ${answer.citations.join(', ')}\n`);
      process.stdout.write(`Based on: ${answer.reading}\n`);
      for (const a of answer.alternatives) process.stdout.write(`Or read as ${a.reading}: ${a.question}\n`);
    }
    return 0;
  } finally {
    catalog.close();
  }
}

/** Also compares every key of the vector index with SQLite (and repairs it): a one-shot run has no background. */
async function statsCommand(values: Values): Promise<number> {
  const catalog = openCatalog(values);
  try {
    await catalog.verifyIndex();
    const s = catalog.stats();
    if (values.json) print(s);
    else {
      const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
      process.stdout.write(
        `${s.name}: ${s.products} products, ${s.embedded} embedded (${s.model}, ${s.dimensions}-d)\n` +
          `database ${mb(s.dbBytes)}, vector index ${mb(s.indexBytes)}, last indexed ${s.lastIndexedAt ?? 'never'}\n` +
          `${describeVectorIndex(s.vectorIndex)}\n` +
          (s.lastImport
            ? `last import: ${s.lastImport.rowsPerSec} rows/s read, ${s.lastImport.embedPerSec} texts/s embedded, ${(s.lastImport.tookMs / 1000).toFixed(1)} s in all\n` +
              (s.lastImport.indexTiming ? `indexing time: ${describeTiming(s.lastImport.indexTiming)}\n` : '')
            : ''),
      );
    }
    return 0;
  } finally {
    catalog.close();
  }
}

async function healthCommand(values: Values): Promise<number> {
  const options = HealthOptions.safeParse({
    minWords: values['min-words'] === undefined ? undefined : Number(values['min-words']),
    similarity: values.similarity === undefined ? undefined : Number(values.similarity),
  });
  if (!options.success) throw new UsageError(`health: ${describeIssues(options.error)}`);
  const catalog = openCatalog(values);
  try {
    const report = await catalog.checkHealth(options.data, progressMeter(catalog.id, 'health'));
    if (values.json) print(report);
    else process.stdout.write(describeHealth(report));
    return 0;
  } finally {
    catalog.close();
  }
}

async function exportCommand(values: Values, args: string[]): Promise<number> {
  if (!values.out) throw new UsageError('export needs --out FILE.csv or --out FILE.xlsx');
  const request = ExportRequest.safeParse({
    out: path.resolve(values.out),
    query: args.join(' '),
    mode: values.mode,
    filters: filtersOf(values),
    variants: values.variants,
    report: values.report,
  });
  if (!request.success) throw new UsageError(`export: ${describeIssues(request.error)}`);
  const catalog = openCatalog(values);
  try {
    const result = await catalog.exportProducts(request.data, progressMeter(catalog.id, 'export'));
    if (values.json) print(result);
    else
      process.stdout.write(
        `exported ${result.products} ${values.report ? 'queries' : 'products'} (${result.rows} rows) to ${result.out} (${(result.tookMs / 1000).toFixed(1)} s)\n`,
      );
    return 0;
  } finally {
    catalog.close();
  }
}

async function insightsCommand(values: Values): Promise<number> {
  const catalog = openCatalog(values);
  try {
    if (values.clear) {
      const { cleared } = catalog.clearQueryLog();
      if (values.json) print({ cleared });
      else process.stdout.write(`cleared ${cleared} logged searches\n`);
      return 0;
    }
    catalog.queryLog.enabled = loadSettings(settingsDirOf(catalogDir(values))).queryLog !== false;
    const report = catalog.insights();
    if (values.json) print(report);
    else process.stdout.write(describeInsights(report));
    return 0;
  } finally {
    catalog.close();
  }
}

/**
 * Where `ask` finds settings.json (the optional local model): the nearest of the catalog's parent and
 * grandparent folders that has one — so a catalog next to a settings file uses it, and one in the app's
 * `<dataDir>/catalogs/<id>` uses the app's settings.
 */
function settingsDirOf(dir: string): string {
  const candidates = [path.dirname(dir), path.dirname(path.dirname(dir))];
  return candidates.find((d) => fs.existsSync(path.join(d, 'settings.json'))) ?? candidates[0];
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Progress on stderr: a redrawn line on a terminal, a line every few seconds otherwise. */
function progressMeter(catalogId: string, kind: JobProgress['kind']): ProgressMeter {
  const tty = process.stderr.isTTY;
  let last = 0;
  return new ProgressMeter({ jobId: 'cli', catalogId, kind }, (p: JobProgress) => {
    const now = Date.now();
    const final = p.phase === 'done' || p.phase === 'cancelled' || p.phase === 'failed';
    if (!tty && !final && now - last < 3000) return;
    last = now;
    const pct = p.total > 0 ? ` ${Math.floor((100 * p.done) / p.total)}%` : '';
    const eta = p.etaSec !== null && !final ? `, ETA ${p.etaSec}s` : '';
    const line = `${p.phase}${pct} ${p.done}/${p.total} (${p.ratePerSec}/s${eta})`;
    process.stderr.write(tty ? `\r\x1b[K${line}${final ? '\n' : ''}` : `${line}\n`);
  });
}

/** "vector index: 5000 vectors for 5000 stored, consistent (every key checked …; last repair …)". */
function describeVectorIndex(v: CatalogStats['vectorIndex']): string {
  const checked = v.lastVerify ? `every key checked ${v.lastVerify.at}` : 'counts checked';
  const r = v.lastRepair;
  const repair = r ? `; last repair ${r.at} (${r.scope} check): ${describeRepair(r)}` : '';
  return `vector index: ${v.vectors} vectors for ${v.expected} stored, ${v.consistent ? 'consistent' : 'INCONSISTENT'} (${checked}${repair})`;
}

/** "model 80.2 s (84 %), vector index 11.3 s (12 %), storage and saves 3.1 s (3 %)" */
function describeTiming(t: IndexTiming): string {
  const shares = timingShares(t);
  const part = (label: string, ms: number, share: number) =>
    `${label} ${(ms / 1000).toFixed(1)} s (${share} %)`;
  return [
    part('model', t.modelMs, shares.model),
    part('vector index', t.annMs, shares.ann),
    part('storage and saves', t.otherMs, shares.other),
  ].join(', ');
}

function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n', 1)[0];
}
