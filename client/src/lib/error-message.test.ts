import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/problem';
import { i18n } from '@/lib/i18n';
import { errorMessage } from './error-message';

describe('errorMessage', () => {
  it('says the server could not be reached in the user’s language, not the browser’s “Failed to fetch”', async () => {
    const pl = i18n.getFixedT('pl');
    await i18n.loadLanguages('pl');
    const text = errorMessage(new TypeError('Failed to fetch'), pl);
    expect(text).not.toMatch(/fetch/i);
    expect(text).toBe(pl('errors.network'));
    expect(text).not.toBe(i18n.getFixedT('en')('errors.network'));
  });

  it('gives the API’s detail, already in the user’s language, before its title', () => {
    const t = i18n.getFixedT('en');
    expect(errorMessage(new ApiError(503, { status: 503, title: 'Usługa niedostępna.', detail: 'Spróbuj ponownie za chwilę.' }), t)).toBe(
      'Spróbuj ponownie za chwilę.',
    );
    expect(errorMessage(new ApiError(403, { status: 403, title: 'Brak uprawnień.' }), t)).toBe('Brak uprawnień.');
    expect(errorMessage(new Error('boom'), t)).toBe('Unexpected error');
  });
});
