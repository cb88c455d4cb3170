import type { CustomFieldEntity, CustomFieldType } from '@/api/types';

export const customFieldEntities = ['customers', 'contacts'] as const satisfies readonly CustomFieldEntity[];
export const customFieldTypes = [
  'text',
  'number',
  'date',
  'boolean',
  'choice',
  'multiChoice',
] as const satisfies readonly CustomFieldType[];

/** Types whose values come from a list of options. */
export const hasOptions = (type: CustomFieldType) => type === 'choice' || type === 'multiChoice';
