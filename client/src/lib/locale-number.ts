// Numbers typed and shown the way the user's language writes them: "1234,5" in pt, ca, pl and el, "1234.5" in en.

export type ParsedNumber = { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'invalid' };

type Symbols = { decimal: string; group: string };

const symbolsByLocale = new Map<string, Symbols>();

/** The locale's decimal and grouping separators, as Intl writes them. */
export function numberSymbols(locale: string): Symbols {
  let symbols = symbolsByLocale.get(locale);
  if (!symbols) {
    const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
    symbols = {
      decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
      group: parts.find((part) => part.type === 'group')?.value ?? '',
    };
    symbolsByLocale.set(locale, symbols);
  }
  return symbols;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads what a user typed in an input. The decimal separator is the locale's only ("1,5" in Polish; "1.5" there is
 * invalid, never silently 15 or 1.5); grouping is allowed where the locale puts it ("1.234,5" in Portuguese,
 * "1 234,5" in Polish with any space), so a value the user copies from a list reads back. A leading minus or plus.
 */
export function parseLocaleNumber(text: string, locale: string): ParsedNumber {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'empty' };
  const { decimal, group } = numberSymbols(locale);
  const groupPattern = group.trim() === '' ? '\\s' : escape(group);
  const pattern = new RegExp(
    `^([-\u2212+])?(\\d+|\\d{1,3}(?:${groupPattern}\\d{3})+)?(?:${escape(decimal)}(\\d*))?$`,
  );
  const match = pattern.exec(trimmed);
  // Digits on at least one side of the separator: "," or "-" alone are not numbers.
  if (!match || (!match[2] && !match[3])) return { kind: 'invalid' };
  const integer = (match[2] ?? '0').replace(/\D/g, '');
  const sign = match[1] === '-' || match[1] === '\u2212' ? '-' : '';
  const value = Number(`${sign}${integer}.${match[3] || '0'}`);
  return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'invalid' };
}

/** A number as an input shows it: the locale's decimal separator, no grouping, every digit the value has. */
export function formatNumberForInput(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 20 }).format(value);
}
