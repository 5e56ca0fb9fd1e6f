// The team-catalog section of BENCHMARKS.md: publish to PostgreSQL, open on a fresh desk, 1 % re-publish
// and sync, each against its goal.
import type { BenchResults } from '../lib/results.ts';
import { isFailure } from '../stages/platform-import.ts';
import type { TeamCatalogRun } from '../stages/team-catalog.ts';
import { num, table } from './format.ts';

const SHARE_GOAL_SEC = 60;
const SYNC_GOAL_SEC = 2;

const bytes = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.round(n / 1e3)} kB`);
const verdict = (met: boolean) => (met ? '✅ met' : '❌ missed');

function rows(r: TeamCatalogRun): string[][] {
  return [
    [
      r.label,
      'publish (COPY, one transaction)',
      `${r.publish.sec} s`,
      `${num(r.publish.inserted)} products, ${bytes(r.publish.bytesSent)} sent`,
      '',
    ],
    [
      r.label,
      'open on a fresh desk (full pull)',
      `${r.open.sec} s`,
      `${num(r.open.vectors)} vectors received, ${r.open.embedded} embedded`,
      '',
    ],
    [
      r.label,
      'publish + open',
      `${r.shareSec} s`,
      `goal ≤ ${SHARE_GOAL_SEC} s`,
      verdict(r.shareSec <= SHARE_GOAL_SEC),
    ],
    [
      r.label,
      're-publish after 1 % changed',
      `${r.republish.sec} s`,
      `${num(r.republish.updated)} updated, ${num(r.republish.inserted)} inserted, ${num(r.republish.removed)} removed; ${bytes(r.republish.bytesSent)} sent`,
      '',
    ],
    [
      r.label,
      'incremental sync',
      `${r.sync.sec} s`,
      `${num(r.sync.vectors)} vectors received, ${r.sync.embedded} embedded; goal ≤ ${SYNC_GOAL_SEC} s`,
      verdict(r.sync.sec <= SYNC_GOAL_SEC),
    ],
  ];
}

export function teamSection(r: BenchResults): string {
  const stage = r.team;
  if (!stage) return '';
  if ('skipped' in stage)
    return ['## Team catalogs (PostgreSQL)', '', `Not measured in this run: ${stage.skipped}.`, ''].join(
      '\n',
    );
  const ok = stage.runs.filter((x): x is TeamCatalogRun => !isFailure(x));
  const failed = stage.runs.filter(isFailure);
  return [
    '## Team catalogs (PostgreSQL)',
    '',
    "A generated catalog is imported and embedded once on the publishing desk (setup, not in the goal), published with its vectors to a throwaway PostgreSQL 15 on the same machine (`fsync=off`, over TCP on 127.0.0.1), and opened on a fresh desk: no embedding; the publish also uploads the publisher's ANN index file (its share of the MB sent), which the desk loads instead of building the graph, adding only the vectors of products changed after it. Then 1 % of the products change in the file (0.5 % a price, 0.3 % a name, so a new vector, 0.1 % removed, 0.1 % added), the file is re-imported and re-published (only the diff), and the desk syncs. In process, through the same team modules as the CLI and the app.",
    '',
    table(['size', 'step', 'time', 'what', 'goal'], ok.flatMap(rows)),
    '',
    ...ok.map(
      (x) =>
        `- ${x.label}: setup (import + embedding on the publishing desk) took ${x.setupSec} s, the time every other desk saves; after the sync a keyword search for a renamed product ${x.changedProductFound ? 'found it first' : 'did **not** find it first'}. Measured ${x.measuredAt.slice(0, 16).replace('T', ' ')} UTC, commit ${x.commit}, load average ${x.machine.loadAtStart} at start.`,
    ),
    ...failed.map((f) => `- ${f.label}: **failed:** ${f.failed}`),
    '',
  ].join('\n');
}
