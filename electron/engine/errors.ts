import type { ApiError } from '../../shared/api.ts';

/** An error the user can act on; `code` tells the UI and the CLI how to present it. */
export class EngineError extends Error {
  readonly code: ApiError['code'];
  constructor(code: ApiError['code'], message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}
