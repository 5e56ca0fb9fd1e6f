import type { ApiError } from '../../shared/api.ts';

/**
 * What the app says when the engine's thread died and a new one took over: why, that stored work is
 * safe, and where an interrupted job goes on (its own end was already shown by the job panel).
 */
export function restartNotice(reason: string, resumedNames: string[]): ApiError {
  const jobs =
    resumedNames.length > 0
      ? `The interrupted job of ${resumedNames.map((n) => `"${n}"`).join(', ')} goes on where it stopped.`
      : 'An import or indexing that was running can be resumed from Import & indexing.';
  return {
    code: 'internal',
    message: `${reason}. A new engine took over: every catalog keeps what was stored. ${jobs}`,
  };
}
