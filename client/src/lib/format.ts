// Dates, numbers and money formatted with Intl for the language the user chose.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export function formatDateTime(value: string | Date | null | undefined, locale: string): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDate(value: string | Date | null | undefined, locale: string): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

/** "2026-03-01" as a local calendar day, so no time zone moves it to the day before. */
export function parseDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

/** A calendar day in full ("czwartek, 5 marca 2026"): the weekday and the month in words leave no doubt which day. */
export function formatDay(value: string | null | undefined, locale: string): string {
  const day = value ? parseDay(value) : null;
  return day ? new Intl.DateTimeFormat(locale, { dateStyle: 'full' }).format(day) : '';
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

export function formatMoney(money: { amount: number; currency: string }, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(money.amount);
}

export function formatCountry(code: string | null | undefined, locale: string): string {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language ?? 'en';
  return useMemo(
    () => ({
    locale,
    dateTime: (value: string | Date | null | undefined) => formatDateTime(value, locale),
    date: (value: string | Date | null | undefined) => formatDate(value, locale),
    day: (value: string | null | undefined) => formatDay(value, locale),
    number: (value: number) => formatNumber(value, locale),
    money: (money: { amount: number; currency: string }) => formatMoney(money, locale),
    country: (code: string | null | undefined) => formatCountry(code, locale),
    }),
    [locale],
  );
}
