import { describe, expect, it } from 'vitest';
import { formatNumberForInput, parseLocaleNumber } from './locale-number';

const number = (value: number) => ({ kind: 'number', value });
const invalid = { kind: 'invalid' };

describe('parseLocaleNumber', () => {
  it.each(['pt', 'ca', 'pl', 'el'])('reads the comma as the decimal separator in %s', (locale) => {
    expect(parseLocaleNumber('1234,5', locale)).toEqual(number(1234.5));
    expect(parseLocaleNumber(' -0,25 ', locale)).toEqual(number(-0.25));
    expect(parseLocaleNumber(',5', locale)).toEqual(number(0.5));
    expect(parseLocaleNumber('42', locale)).toEqual(number(42));
    // The English separator is not silently taken for another number.
    expect(parseLocaleNumber('1.5', locale)).toEqual(invalid);
  });

  it('reads the point in English, and a comma there only as grouping', () => {
    expect(parseLocaleNumber('1234.5', 'en')).toEqual(number(1234.5));
    expect(parseLocaleNumber('1,234.5', 'en')).toEqual(number(1234.5));
    expect(parseLocaleNumber('1,5', 'en')).toEqual(invalid);
  });

  it('takes the grouping the locale writes, in its places only', () => {
    expect(parseLocaleNumber('1.234.567,89', 'pt')).toEqual(number(1234567.89));
    expect(parseLocaleNumber('12.345', 'el')).toEqual(number(12345));
    expect(parseLocaleNumber('1\u00a0234,5', 'pl')).toEqual(number(1234.5));
    expect(parseLocaleNumber('1 234,5', 'pl')).toEqual(number(1234.5));
    expect(parseLocaleNumber('12.34,5', 'ca')).toEqual(invalid);
  });

  it('tells empty from invalid', () => {
    expect(parseLocaleNumber('  ', 'pl')).toEqual({ kind: 'empty' });
    for (const text of ['abc', '12a', ',', '-', '1,2,3', '1e5', '--1']) expect(parseLocaleNumber(text, 'pl')).toEqual(invalid);
  });
});

describe('formatNumberForInput', () => {
  it('writes the locale separator without grouping, and reads back', () => {
    expect(formatNumberForInput(1234.5, 'pl')).toBe('1234,5');
    expect(formatNumberForInput(-0.1, 'el')).toBe('-0,1');
    expect(formatNumberForInput(1234.5, 'en')).toBe('1234.5');
    expect(formatNumberForInput(1234567.125, 'ca')).toBe('1234567,125');
    for (const locale of ['en', 'pt', 'ca', 'pl', 'el'])
      expect(parseLocaleNumber(formatNumberForInput(98765.4321, locale), locale)).toEqual(number(98765.4321));
  });
});
