import { describe, expect, it } from 'vitest';
import { modelJobLine, modelUsers, remoteSource } from '../../../../renderer/features/models/model-text.ts';
import type { JobProgress, ModelInfo } from '../../../../shared/types.ts';

const job = (over: Partial<JobProgress>): JobProgress => ({
  jobId: 'j',
  catalogId: '',
  kind: 'model',
  phase: 'downloading',
  done: 0,
  total: 0,
  ratePerSec: 0,
  etaSec: null,
  ...over,
});

describe('Settings → Models wording', () => {
  it('words a download with its bytes, rate and ETA', () => {
    expect(
      modelJobLine(
        job({ done: 12 * 1024 * 1024, total: 90 * 1024 * 1024, ratePerSec: 4.1 * 1024 * 1024, etaSec: 19 }),
      ),
    ).toBe('Downloading 12 MB of 90 MB · 4.1 MB/s · ETA 19s');
    expect(modelJobLine(job({ done: 2048, total: 0 }))).toBe('Downloading 2.0 KB of unknown size · ETA —');
    expect(modelJobLine(job({ phase: 'checking' }))).toBe('Checking the model');
    expect(modelJobLine(job({ phase: 'failed' }))).toBe('Refused');
  });

  it('tells links and hub ids from anything else typed in the download field', () => {
    expect(remoteSource(' sentence-transformers/all-MiniLM-L6-v2 ')).toBe(
      'sentence-transformers/all-MiniLM-L6-v2',
    );
    expect(remoteSource('https://example.org/models/bge-small.zip')).toBe(
      'https://example.org/models/bge-small.zip',
    );
    expect(remoteSource('/home/me/models/bge-small')).toBeNull();
    expect(remoteSource('bge small')).toBeNull();
  });

  it('names the catalogs that use a model', () => {
    const model = { catalogs: [] } as unknown as ModelInfo;
    expect(modelUsers(model)).toBe('no catalog');
    expect(
      modelUsers({
        ...model,
        catalogs: [
          { dir: '/a', name: 'Shoes' },
          { dir: '/b', name: 'Bags' },
        ],
      }),
    ).toBe('Shoes, Bags');
  });
});
