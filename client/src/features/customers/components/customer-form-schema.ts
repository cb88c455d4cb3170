// zod/mini: the same schemas at a fraction of the bundle size.
import { z } from 'zod/mini';
import type { Customer, CustomerInput, CustomField } from '@/api/types';
import { customerKinds, customerTypes } from '../api/customer-enums';
import { customFieldsToInput, type CustomFieldValues } from './custom-field-values';

// Messages are i18n keys; the form translates them.
const optionalText = (max: number) => z.string().check(z.trim(), z.maxLength(max, 'validation.tooLong'));

export const customerFormSchema = z.object({
  kind: z.enum(customerKinds),
  name: z.string().check(z.trim(), z.minLength(1, 'validation.required'), z.maxLength(200, 'validation.tooLong')),
  email: z.union([z.literal(''), z.email('validation.email').check(z.maxLength(320, 'validation.tooLong'))]),
  phone: optionalText(50),
  website: optionalText(500),
  type: z.enum(customerTypes),
  lifecycleStage: z.string(),
  ownerId: z.string(),
  tags: z.array(optionalText(50)),
  externalId: optionalText(100),
  address: z.object({
    line1: optionalText(200),
    line2: optionalText(200),
    city: optionalText(100),
    region: optionalText(100),
    postalCode: optionalText(20),
    country: z.string().check(z.trim(), z.regex(/^([A-Za-z]{2})?$/, 'validation.country')),
  }),
  // Typed per field by the inputs; the API validates them against their definitions.
  customFields: z.record(z.string(), z.unknown()),
});

export type CustomerFormValues = z.infer<typeof customerFormSchema>;

/** Every field path the form shows, to match the API's problem `errors` against. */
export const customerFormFields = [
  'kind',
  'name',
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
] as const;

export const emptyCustomerForm: CustomerFormValues = {
  kind: 'company',
  name: '',
  email: '',
  phone: '',
  website: '',
  type: 'customer',
  lifecycleStage: '',
  ownerId: '',
  tags: [],
  externalId: '',
  address: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
  customFields: {},
};

export function customerToForm(customer: Customer): CustomerFormValues {
  const address = customer.address;
  return {
    kind: customer.kind ?? 'company',
    name: customer.name ?? '',
    email: customer.email ?? '',
    phone: customer.phone ?? '',
    website: customer.website ?? '',
    type: customer.type ?? 'customer',
    lifecycleStage: customer.lifecycleStage ?? '',
    ownerId: customer.ownerId ?? '',
    tags: [...(customer.tags ?? [])],
    externalId: customer.externalId ?? '',
    address: {
      line1: address?.line1 ?? '',
      line2: address?.line2 ?? '',
      city: address?.city ?? '',
      region: address?.region ?? '',
      postalCode: address?.postalCode ?? '',
      country: address?.country ?? '',
    },
    customFields: { ...(customer.customFields ?? {}) },
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/**
 * The body for POST or PUT. PUT replaces every field, so this sends every field the customer
 * has, including custom field values the form does not show (`original`, as loaded).
 */
export function formToCustomerInput(
  values: CustomerFormValues,
  definitions: readonly CustomField[] = [],
  original: CustomFieldValues = {},
): CustomerInput {
  const a = values.address;
  const hasAddress = Object.values(a).some((v) => v.trim() !== '');
  return {
    kind: values.kind,
    name: values.name.trim(),
    email: orNull(values.email),
    phone: orNull(values.phone),
    website: orNull(values.website),
    type: values.type,
    // The API takes an absent stage or address as "none".
    lifecycleStage: (orNull(values.lifecycleStage) ?? undefined) as CustomerInput['lifecycleStage'],
    ownerId: orNull(values.ownerId),
    tags: values.tags.map((tag) => tag.trim()).filter(Boolean),
    externalId: orNull(values.externalId),
    address: hasAddress
      ? {
          line1: orNull(a.line1),
          line2: orNull(a.line2),
          city: orNull(a.city),
          region: orNull(a.region),
          postalCode: orNull(a.postalCode),
          country: orNull(a.country)?.toUpperCase() ?? null,
        }
      : undefined,
    customFields: customFieldsToInput(definitions, values.customFields, original),
  };
}
