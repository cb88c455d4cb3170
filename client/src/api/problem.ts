// RFC 9457 problem details as the API sends them, and the error the SPA throws for them.
import type { components } from './schema.gen';

export type Problem = components['schemas']['ProblemDetails'];

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** Validation messages keyed by camelCase field path ("name", "address.city"). */
  get fieldErrors(): Record<string, string[]> {
    const raw = this.problem.errors;
    if (!raw || typeof raw !== 'object') return {};
    const out: Record<string, string[]> = {};
    for (const [key, messages] of Object.entries(raw)) {
      out[toCamelPath(key)] = Array.isArray(messages) ? messages.map(String) : [String(messages)];
    }
    return out;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** "Address.City" or "address.city" -> "address.city"; "tags[0]" -> "tags.0". */
export function toCamelPath(key: string): string {
  return key
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((part) => part.charAt(0).toLowerCase() + part.slice(1))
    .join('.');
}

function asProblem(status: number, body: unknown, fallbackTitle: string): Problem {
  if (body && typeof body === 'object') return { status, ...(body as Problem) };
  return { status, title: typeof body === 'string' && body ? body : fallbackTitle };
}

/** Turns an openapi-fetch result into its data, or throws an ApiError carrying the problem. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ data: T; response: Response }> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, asProblem(response.status, error, response.statusText));
  return { data: data as T, response };
}
