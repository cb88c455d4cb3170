import type { Customer, ImportJob, Me } from '@/api/types';

export const adminMe: Me = {
  id: '0190a000-0000-7000-8000-000000000001',
  email: 'admin@example.com',
  name: 'Ada Admin',
  roles: ['Admin'],
  departmentId: null,
};

let seq = 0;

export function makeCustomer(overrides: Partial<Customer> = {}): Customer {
  seq += 1;
  const n = String(seq).padStart(12, '0');
  return {
    id: `0190a000-0000-7000-8000-${n}`,
    kind: 'company',
    name: `Customer ${seq}`,
    email: `customer${seq}@example.com`,
    phone: null,
    website: null,
    type: 'customer',
    lifecycleStage: 'lead',
    ownerId: adminMe.id,
    tags: [],
    externalId: null,
    address: undefined,
    customFields: {},
    archivedAt: null,
    createdAt: '2026-01-02T10:00:00Z',
    updatedAt: '2026-01-03T10:00:00Z',
    ...overrides,
  };
}

export const problem = (status: number, title: string, extra: Record<string, unknown> = {}) => ({
  type: `https://httpstatuses.io/${status}`,
  title,
  status,
  ...extra,
});

/** An import job as the API returns it: a dry run, queued, with nothing counted yet. */
export const makeImportJob = (overrides: Partial<ImportJob> = {}): ImportJob => ({
  id: '0190a000-0000-7000-8000-00000000d000',
  entity: 'customers',
  mode: 'upsert',
  matchOn: 'email',
  dryRun: true,
  status: 'queued',
  phase: 'receiving',
  step: null,
  fileName: 'customers.csv',
  charset: null,
  columns: [],
  total: 0,
  processed: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  duplicates: 0,
  rejected: 0,
  error: null,
  language: 'en',
  createdById: null,
  createdAt: '2026-03-01T10:00:00Z',
  updatedAt: '2026-03-01T10:00:00Z',
  finishedAt: null,
  ...overrides,
});
