import { describe, expect, it } from 'vitest';
import { formatCountry, formatDate, formatDay, formatMoney, formatNumber } from './format';

describe('locale formatting', () => {
  it('formats numbers per locale', () => {
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(1234.5, 'pt')).toMatch(/1\.?234,5/);
  });

  it('formats money with the currency', () => {
    expect(formatMoney({ amount: 1234.5, currency: 'EUR' }, 'en')).toBe('€1,234.50');
    expect(formatMoney({ amount: 1234.5, currency: 'PLN' }, 'pl')).toMatch(/1\s?234,50\s?zł/);
  });

  it('formats dates in the chosen language', () => {
    expect(formatDate('2026-03-05T12:00:00Z', 'en')).toContain('2026');
    expect(formatDate('2026-03-05T12:00:00Z', 'el')).toMatch(/Μαρ/);
    expect(formatDate(null, 'en')).toBe('');
  });

  it('says a calendar day in full in the chosen language, the day the field holds whatever the time zone', () => {
    expect(formatDay('2026-03-05', 'pl')).toBe('czwartek, 5 marca 2026');
    expect(formatDay('2026-03-05', 'ca')).toMatch(/^dijous, 5 de març/);
    expect(formatDay('2026-01-01', 'en')).toBe('Thursday, January 1, 2026');
    expect(formatDay('', 'en')).toBe('');
    expect(formatDay('5/3/2026', 'en')).toBe('');
  });

  it('names countries in the chosen language', () => {
    expect(formatCountry('PL', 'en')).toBe('Poland');
    expect(formatCountry('pl', 'pt')).toMatch(/^Pol[óô]nia$/);
  });
});
