import { describe, expect, it } from 'vitest';
import { readApiError } from '../../../renderer/api-error.ts';
import { restartNotice } from '../../../renderer/store/engine-restart.ts';

describe('engine restart notice', () => {
  it('gives the reason, says stored work is kept and where to resume', () => {
    const notice = restartNotice('The engine stopped: simulated crash', []);
    // The banner shows it as it is: report() reads an error already in the contract's shape unchanged.
    const banner = readApiError(notice);
    expect(banner).toEqual(notice);
    expect(banner.code).toBe('internal');
    expect(banner.message).toMatch(/^The engine stopped: simulated crash\. A new engine took over/);
    expect(banner.message).toMatch(/keeps what was stored.*resumed from Import & indexing/);
  });

  it('names the catalogs whose job the new engine took up again', () => {
    const { message } = restartNotice('The engine stopped: out of memory', ['Spring shoes', 'Bags']);
    expect(message).toMatch(/interrupted job of "Spring shoes", "Bags" goes on where it stopped\.$/);
    expect(message).not.toMatch(/Import & indexing/);
  });
});
