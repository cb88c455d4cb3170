import type { CustomField, ImportMergeStep } from '@/api/types';

export const importEntities = ['customers', 'contacts'] as const;
export type ImportEntity = (typeof importEntities)[number];

/** The record fields a column can feed, as the API names them. */
export const importFields: Record<ImportEntity, readonly string[]> = {
  customers: [
    'name',
    'kind',
    'email',
    'phone',
    'website',
    'type',
    'lifecycleStage',
    'ownerId',
    'tags',
    'externalId',
    'address.line1',
    'address.line2',
    'address.city',
    'address.region',
    'address.postalCode',
    'address.country',
  ],
  contacts: [
    'customerId',
    'customerExternalId',
    'customerEmail',
    'firstName',
    'lastName',
    'email',
    'phone',
    'jobTitle',
    'emailConsent',
    'externalId',
  ],
};

/** The i18n key of a field's label ("address.city" -> "imports.fields.customers.address_city"). */
export const fieldLabelKey = (entity: ImportEntity, field: string) => `imports.fields.${entity}.${field.replace('.', '_')}`;

export const customFieldTarget = (field: Pick<CustomField, 'key'>) => `customFields.${field.key}`;

/** The merge's steps, in their order (the API's ImportMergeStep). */
export const mergeSteps: readonly ImportMergeStep[] = ['checking', 'writing', 'indexing', 'auditing'];

export const importModes = ['upsert', 'insert'] as const;
export type ImportModeChoice = (typeof importModes)[number];
export const matchOnChoices = ['email', 'externalId'] as const;
export type MatchOnChoice = (typeof matchOnChoices)[number];
export const kindDefaults = ['company', 'person'] as const;
export type KindDefault = (typeof kindDefaults)[number];

/** Which column feeds which field; null ignores the column. */
export type ColumnMapping = Record<string, string | null>;

export const acceptedExtensions = ['.csv', '.tsv', '.txt', '.json'] as const;
export const isAcceptedFile = (file: File) => acceptedExtensions.some((ext) => file.name.toLowerCase().endsWith(ext));
