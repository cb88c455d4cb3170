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

