// The one HTTP client. The access token lives in memory only; the refresh token is an
// httpOnly cookie the API sets, so a 401 triggers one silent refresh and one retry.
import createClient, { type Middleware } from 'openapi-fetch';
import { env } from '@/config/env';
import type { paths } from './schema.gen';
import type { TokenResponse } from './types';

type TokenListener = (token: string | null) => void;

let accessToken: string | null = null;
let expiresAt = 0;
const listeners = new Set<TokenListener>();

/**
 * A note in localStorage that this browser has a session to restore ("1"), never the token itself. Without it a
 * visit skips POST /auth/refresh: with no refresh cookie that answers 401, and the browser logs every 4xx as an
 * error in the console, for what is only someone signed out. Set with every token, removed when the session ends.
 */
export const SESSION_HINT_KEY = 'crm.session';

export const sessionHint = {
  present(): boolean {
    try {
      return localStorage.getItem(SESSION_HINT_KEY) === '1';
    } catch {
      return true; // storage refused (privacy settings): ask the API, as before
    }
  },
  write(present: boolean) {
    try {
      if (present) localStorage.setItem(SESSION_HINT_KEY, '1');
      else localStorage.removeItem(SESSION_HINT_KEY);
    } catch {
      // storage refused: the next visit asks the API
    }
  },
};

export const tokenStore = {
  get: () => accessToken,
  expiresAt: () => expiresAt,
  set(token: TokenResponse | null) {
    accessToken = token?.accessToken ?? null;
    expiresAt = token?.expiresIn ? Date.now() + token.expiresIn * 1000 : 0;
    sessionHint.write(accessToken !== null);
    for (const listener of listeners) listener(accessToken);
  },
  subscribe(listener: TokenListener) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

// Resolved at call time so test doubles of fetch (msw) are always seen.
const fetchNow = (input: Request) => globalThis.fetch(input);

const isAuthUrl = (url: string) => new URL(url).pathname.startsWith('/api/v1/auth/');

const isUpload = (request: Request) => request.headers.get('Content-Type')?.startsWith('multipart/') ?? false;

const pending = new Map<string, Request>();

const authMiddleware: Middleware = {
  onRequest({ request, id }) {
    if (accessToken) request.headers.set('Authorization', `Bearer ${accessToken}`);
    // The language the user chose (i18n keeps <html lang> in step), for messages the API words.
    const language = typeof document === 'undefined' ? '' : document.documentElement.lang;
    if (language) request.headers.set('Accept-Language', language);
    // A copy for the one retry after a refresh. Not for uploads: a teed file body would be held
    // in memory whole; the session refreshes ahead of expiry, so an upload rarely meets a 401.
    if (!isAuthUrl(request.url) && !isUpload(request)) pending.set(id, request.clone());
    return request;
  },
  async onResponse({ response, id }) {
    const original = pending.get(id);
    pending.delete(id);
    if (response.status !== 401 || !original) return response;
    const token = await refreshAccessToken();
    if (!token) return response;
    const retry = new Request(original);
    retry.headers.set('Authorization', `Bearer ${token}`);
    return fetchNow(retry);
  },
  onError({ id }) {
    pending.delete(id);
  },
};

export const api = createClient<paths>({
  baseUrl: env.apiOrigin,
  credentials: 'same-origin',
  fetch: fetchNow,
});
api.use(authMiddleware);

let refreshing: Promise<string | null> | null = null;

/** A refresh refused for a while (429, 5xx) or lost on the way says nothing about the sign-in: wait, then ask again. */
const transient = (status: number) => status === 429 || status >= 500;
const retryDelayMs = (response: Response | undefined) =>
  Math.min(5, Math.max(1, Number(response?.headers.get('Retry-After')) || 1)) * 1000;

/**
 * Exchanges the refresh cookie for a new access token; concurrent callers share one request. Only a refusal of the
 * token itself signs out: a busy or unreachable server is asked once more first.
 */
export function refreshAccessToken(): Promise<string | null> {
  refreshing ??= (async (): Promise<string | null> => {
    try {
      for (let attempt = 0; ; attempt++) {
        let response: Response | undefined;
        try {
          const result = await api.POST('/api/v1/auth/refresh', { body: {} });
          response = result.response;
          if (response.ok && result.data?.accessToken) {
            tokenStore.set(result.data);
            return result.data.accessToken;
          }
        } catch {
          response = undefined; // the network: as transient as a 503
        }

        if (attempt > 0 || (response && !transient(response.status))) {
          tokenStore.set(null);
          return null;
        }

        await new Promise((resolve) => setTimeout(resolve, retryDelayMs(response)));
      }
    } finally {
      refreshing = null;
    }
  })();
  return refreshing as Promise<string | null>;
}
