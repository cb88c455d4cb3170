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

/**
 * What a failed create says above its buttons: on a 400, the field errors are put on their fields and only those the
 * form has no field for are returned; a 403 is `forbidden`, in words; any other answer is the problem's own detail (in
 * the user's language), and no answer at all `unexpected`. An empty list means every message found its field.
 */
export function submitFailure<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
  texts: { forbidden: string; unexpected: string },
): string[] {
  if (isApiError(error, 403)) return [texts.forbidden];
  if (isApiError(error, 400)) return applyProblemToForm(error, setError, fields);
  return [isApiError(error) ? (error.problem.detail ?? error.problem.title ?? '') : texts.unexpected];
}
