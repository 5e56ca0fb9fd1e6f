// The one handler table behind every transport: Electron IPC, the e2e bridge and tests all call the engine
// through this, so payload validation and error mapping cannot differ between them.
import { ApiError, methods } from '../../shared/api.ts';
import type { Envelope, MethodName } from '../../shared/api.ts';

type ApiErrorCode = ApiError['code'];
const API_ERROR_CODES = new Set<string>(ApiError.shape.code.options);

/** Anything callable by method name: the engine's handlers plus those the host adds (pickFile). */
export type HandlerTable = { [M in MethodName]?: (args: never) => Promise<unknown> };

export type Dispatcher = (method: string, payload: unknown) => Promise<Envelope<unknown>>;

export interface DispatcherOptions {
  /** Check every result against the contract; on by default outside production builds. */
  validateOutput?: boolean;
}

function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

/**
 * Maps anything thrown to the contract's error shape. A contract `code` survives (EngineError, or one the
 * worker relayed); anything else, including Node's own codes like ENOENT, is 'internal'.
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && API_ERROR_CODES.has(code))
      return { code: code as ApiErrorCode, message: err.message };
    return { code: 'internal', message: err.message || err.name };
  }
  return { code: 'internal', message: String(err) };
}

export function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

export function createDispatcher(handlers: HandlerTable, options: DispatcherOptions = {}): Dispatcher {
  const validateOutput = options.validateOutput ?? process.env.NODE_ENV !== 'production';
  return async (method, payload) => {
    if (!isMethodName(method))
      return { ok: false, error: { code: 'invalid-input', message: `Unknown method "${method}"` } };
    const handler = handlers[method] as ((args: unknown) => Promise<unknown>) | undefined;
    if (!handler) return { ok: false, error: { code: 'internal', message: `No handler for "${method}"` } };
    const spec = methods[method];
    let parsed: ReturnType<typeof spec.input.safeParse>;
    try {
      parsed = spec.input.safeParse(payload ?? {});
    } catch (err) {
      // zod itself can throw on exotic objects (a typed array's prototype): still a typed error.
      return {
        ok: false,
        error: { code: 'invalid-input', message: `${method}: ${toApiError(err).message}` },
      };
    }
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'invalid-input', message: `${method}: ${describeIssues(parsed.error)}` },
      };
    }
    let value: unknown;
    try {
      value = await handler(parsed.data);
    } catch (err) {
      return { ok: false, error: toApiError(err) };
    }
    if (validateOutput) {
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        return {
          ok: false,
          error: {
            code: 'internal',
            message: `${method} returned data outside the contract: ${describeIssues(checked.error)}`,
          },
        };
      }
    }
    return { ok: true, value };
  };
}
