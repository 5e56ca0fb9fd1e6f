// How Settings → Models words a model and a model job; pure, so it is tested without a page.
import type { JobProgress, ModelInfo } from '../../../shared/types.ts';
import { formatBytes, formatCount, formatDuration } from '../../components/format.ts';

export const MODEL_PHASES: Partial<Record<JobProgress['phase'], string>> = {
  reading: 'Reading the export',
  downloading: 'Downloading',
  checking: 'Checking the model',
  done: 'Added',
  cancelled: 'Cancelled',
  failed: 'Refused',
};

/** "Downloading 12 MB of 90 MB · 4.1 MB/s · ETA 19s", or the phase alone when there is no size. */
export function modelJobLine(job: JobProgress): string {
  const phase = MODEL_PHASES[job.phase] ?? job.phase;
  if (job.phase !== 'downloading') return phase;
  const parts = [
    `${phase} ${formatBytes(job.done)} of ${job.total > 0 ? formatBytes(job.total) : 'unknown size'}`,
  ];
  if (job.ratePerSec > 0) parts.push(`${formatBytes(job.ratePerSec)}/s`);
  parts.push(`ETA ${formatDuration(job.etaSec)}`);
  return parts.join(' · ');
}

export const modelSpeed = (m: ModelInfo) =>
  m.textsPerSec === null ? 'not measured' : `${formatCount(m.textsPerSec)} texts/s`;

export const modelUsers = (m: ModelInfo) =>
  m.catalogs.length === 0 ? 'no catalog' : m.catalogs.map((c) => c.name).join(', ');

/** Where to type a URL: a hub id or a link, never a path (those are picked in the dialog). */
export function remoteSource(text: string): string | null {
  const value = text.trim();
  if (/^https?:\/\/\S+$/i.test(value)) return value;
  if (/^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/.test(value)) return value;
  return null;
}
