// The API serves the SPA on the same origin, so every call is relative to it.
export const env = {
  apiOrigin: typeof window === 'undefined' ? 'http://localhost' : window.location.origin,
  pageSize: 50,
} as const;
