import type { ApiError } from '../../shared/api.ts';

/**
 * What the app says when the engine's thread died and a new one took over: why, that stored work is
 * safe, and where an interrupted job goes on (its own end was already shown by the job panel).
 */
export function restartNotice(reason: string): ApiError {
  return {
    code: 'internal',
    message:
      `${reason}. A new engine took over: every catalog keeps what was stored. ` +
      'An import or indexing that was running can be resumed from Import & indexing.',
  };
}
