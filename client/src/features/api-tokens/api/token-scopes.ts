// The scopes a token can carry (DESIGN.md §5), grouped by resource for the picker. The API
// types them as plain strings, so the catalogue lives here; the API refuses any scope that
// exceeds the user's role.
export const scopeGroups = [
  { resource: 'customers', scopes: ['customers:read', 'customers:write'] },
  { resource: 'deals', scopes: ['deals:read', 'deals:write'] },
  { resource: 'tickets', scopes: ['tickets:read', 'tickets:write'] },
  { resource: 'campaigns', scopes: ['campaigns:read', 'campaigns:write'] },
  { resource: 'activities', scopes: ['activities:read', 'activities:write'] },
  { resource: 'reports', scopes: ['reports:read', 'reports:write'] },
  { resource: 'imports', scopes: ['imports:write'] },
  { resource: 'webhooks', scopes: ['webhooks:manage'] },
] as const;

export type ScopeResource = (typeof scopeGroups)[number]['resource'];
export type Scope = (typeof scopeGroups)[number]['scopes'][number];
export type ScopeAction = Scope extends `${string}:${infer A}` ? A : never;

export const expiryPresets = ['30', '90', '365', 'never', 'date'] as const;
export type ExpiryPreset = (typeof expiryPresets)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** The `expiresAt` to send: a preset counted from now, the end of a chosen day, or null. */
export function expiresAtFor(preset: ExpiryPreset, date: string, now = new Date()): string | null {
  if (preset === 'never') return null;
  if (preset === 'date') return date ? new Date(`${date}T23:59:59`).toISOString() : null;
  return new Date(now.getTime() + Number(preset) * DAY_MS).toISOString();
}
