// What the SPA needs to read the audit log's entries (GET /audit).
import type { AuditEntry } from '@/api/types';

/** An entry's changed fields, each before and after (the wire type leaves `changes` untyped). */
export type AuditChanges = Record<string, { before?: unknown; after?: unknown }>;

export const changesOf = (entry: AuditEntry): AuditChanges =>
  entry.changes && typeof entry.changes === 'object' ? (entry.changes as AuditChanges) : {};

/** The audit log's field names for a customer, and the label each has on the customer's page (customers.fields.*). */
export const customerFieldLabelKeys: Record<string, string> = {
  kind: 'kind',
  name: 'name',
  email: 'email',
  phone: 'phone',
  website: 'website',
  type: 'type',
  lifecycleStage: 'lifecycleStage',
  ownerId: 'owner',
  tags: 'tags',
  externalId: 'externalId',
  addressLine1: 'line1',
  addressLine2: 'line2',
  addressCity: 'city',
  addressRegion: 'region',
  addressPostalCode: 'postalCode',
  addressCountry: 'country',
};


/** What an export's entry (action exported, entity type export) says: the entity, format and channel, and the filters that were set. */
export type ExportRecord = { entity: string; format: string; channel: string; filters: [field: string, value: unknown][] };

export function exportOf(entry: AuditEntry): ExportRecord | null {
  if (entry.entityType !== 'export') return null;
  const { entity, format, channel, ...filters } = changesOf(entry);
  return {
    entity: String(entity?.after ?? ''),
    format: String(format?.after ?? ''),
    channel: String(channel?.after ?? ''),
    filters: Object.entries(filters).map(([field, change]) => [field, change.after]),
  };
}

/** The label of each export filter: the customer page's where it has one, else the audit log's own (audit.export.filters.*). */
export const exportFilterLabelKeys: Record<string, string> = {
  q: 'audit.export.filters.q',
  kind: 'customers.fields.kind',
  type: 'customers.fields.type',
  lifecycleStage: 'customers.fields.lifecycleStage',
  ownerId: 'customers.fields.owner',
  tag: 'customers.fields.tag',
  customerId: 'audit.export.filters.customerId',
  importId: 'audit.export.filters.importId',
  of: 'audit.export.filters.of',
  archived: 'audit.export.filters.archived',
  customField: 'audit.export.filters.customField',
};

/** Custom fields are audited as one JSON text (or an object); parsed so that each changed key can be told apart. */
function customFieldValues(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A change of the custom fields: the values before and after, key by key, and the keys whose value changed. */
export function customFieldChanges(change: { before?: unknown; after?: unknown }) {
  const before = customFieldValues(change.before);
  const after = customFieldValues(change.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => !same(before[key], after[key]));
  return { before, after, keys };
}
