// Errors from window.shelfscope carry their contract code inside the message ("[code] message"),
// because only the message survives Electron's contextBridge.
import { ApiError } from '../shared/api.ts';
import type { ApiError as ApiErrorShape } from '../shared/api.ts';

const CODED = /^\[([a-z-]+)\] ([\s\S]*)$/;

export function readApiError(err: unknown): ApiErrorShape {
  // Raised by the renderer itself: already in the contract's shape.
  const own = ApiError.safeParse(err);
  if (own.success) return own.data;
  const message = err instanceof Error ? err.message : String(err);
  const match = CODED.exec(message);
  const parsed = match && ApiError.safeParse({ code: match[1], message: match[2] });
  return parsed?.success ? parsed.data : { code: 'internal', message };
}

const TITLES: Record<ApiErrorShape['code'], string> = {
  'invalid-input': 'That request was not valid',
  'not-found': 'Not found',
  'bad-file': 'The file could not be read',
  busy: 'Shelfscope is busy',
  cancelled: 'Cancelled',
  internal: 'Something went wrong',
};

export const errorTitle = (error: ApiErrorShape) => TITLES[error.code];
