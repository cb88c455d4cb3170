import type { CustomerKind, CustomerType, LifecycleStage } from '@/api/types';

export const customerKinds = ['company', 'person'] as const satisfies readonly CustomerKind[];
export const customerTypes = ['customer', 'prospect', 'lead', 'supplier', 'partner'] as const satisfies readonly CustomerType[];
export const lifecycleStages = [
  'subscriber',
  'lead',
  'qualified',
  'opportunity',
  'customer',
  'evangelist',
  'other',
] as const satisfies readonly LifecycleStage[];
export const customerSorts = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
export type CustomerSort = (typeof customerSorts)[number];
