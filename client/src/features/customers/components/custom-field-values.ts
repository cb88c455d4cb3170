import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { CustomField } from '@/api/types';

/** What a form holds for custom fields: the record's values, keyed like the API. */
export type CustomFieldValues = Record<string, unknown>;

/** The value to send for one field: trimmed, typed, and null when empty. */
export function normaliseCustomFieldValue(field: Pick<CustomField, 'type'>, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (field.type) {
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'multiChoice':
      return Array.isArray(value) && value.length ? value : null;
    case 'number': {
      if (typeof value === 'number') return Number.isFinite(value) ? value : null;
      const text = String(value).trim();
      if (!text) return null;
      const number = Number(text);
      // Anything that is not a number goes as typed, so the API's message explains it.
      return Number.isFinite(number) ? number : text;
    }
    default: {
      const text = String(value).trim();
      return text ? text : null;
    }
  }
}

/**
 * The `customFields` to send. PUT replaces the whole object, so values of fields the form does
 * not show (no definition loaded, or one the user cannot see) go back unchanged. A shown field
 * left empty is null when the record had a value (clearing it) and absent when it had none.
 */
export function customFieldsToInput(
  definitions: readonly CustomField[],
  values: CustomFieldValues,
  original: CustomFieldValues,
): CustomFieldValues | undefined {
  const out: CustomFieldValues = { ...original };
  for (const field of definitions) {
    const value = normaliseCustomFieldValue(field, values[field.key]);
    if (value !== null) out[field.key] = value;
    else if (field.key in original) out[field.key] = null;
    else delete out[field.key];
  }
  return Object.keys(out).length ? out : undefined;
}

/** The field paths API errors can name, for applyProblemToForm. */
export const customFieldPaths = (definitions: readonly CustomField[]) =>
  definitions.map((field) => `customFields.${field.key}`);

/** Number fields holding text that is no number in the user's language (the number input hands that on as typed). */
export const invalidNumberFields = (definitions: readonly CustomField[], values: CustomFieldValues | undefined) =>
  definitions.filter((field) => {
    const value = values?.[field.key];
    return field.type === 'number' && typeof value === 'string' && value.trim() !== '';
  });

/**
 * The form's resolver, plus a message on every number field whose text is no number ("1.5" in Polish), so such a
 * value never reaches the API as text or as another number. The message is an i18n key, as the schema's are.
 */
export function withCustomFieldChecks<T extends FieldValues & { customFields: CustomFieldValues }>(
  resolver: Resolver<T>,
  definitions: readonly CustomField[],
): Resolver<T> {
  return async (values, context, options) => {
    const result = await resolver(values, context, options);
    const invalid = invalidNumberFields(definitions, values.customFields);
    if (!invalid.length) return result;
    const customFields: Record<string, unknown> = { ...(result.errors.customFields as Record<string, unknown> | undefined) };
    for (const field of invalid) customFields[field.key] = { type: 'number', message: 'validation.number' };
    return { values: {}, errors: { ...result.errors, customFields } as FieldErrors<T> };
  };
}
