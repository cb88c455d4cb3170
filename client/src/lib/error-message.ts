// One sentence for a request that failed, in the user's language.
import type { TFunction } from 'i18next';
import { isApiError } from '@/api/problem';

/**
 * The API's own words (it answers in the user's language), its detail before its title; for a server that could not
 * be reached ours, since fetch then rejects with a TypeError whose text is the browser's English ("Failed to fetch").
 */
export function errorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error)) return error.problem.detail || error.problem.title || t('errors.unexpected');
  if (error instanceof TypeError) return t('errors.network');
  return t('errors.unexpected');
}
