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
    number: (value: number) => formatNumber(value, locale),
    money: (money: { amount: number; currency: string }) => formatMoney(money, locale),
    country: (code: string | null | undefined) => formatCountry(code, locale),
    }),
    [locale],
  );
}
