// Puts the API's problem `errors` onto the fields of a react-hook-form form.
import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import { isApiError } from '@/api/problem';

/**
 * Sets one error per field the form knows; returns the messages for fields it does not
 * know, so the form can show them above the buttons instead of losing them.
 */
export function applyProblemToForm<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
): string[] {
  if (!isApiError(error, 400)) return [];
  const unmatched: string[] = [];
  let focused = false;
  for (const [field, messages] of Object.entries(error.fieldErrors)) {
    const message = messages.join(' ');
    if (fields.includes(field)) {
      setError(field as FieldPath<T>, { type: 'server', message }, { shouldFocus: !focused });
      focused = true;
    } else {
      unmatched.push(field ? `${field}: ${message}` : message);
    }
  }
  return unmatched;
}
