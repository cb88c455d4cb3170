import { TextInput, type TextInputProps } from '@mantine/core';
import { useState } from 'react';
import { useFormat } from '@/lib/format';
import { formatNumberForInput, parseLocaleNumber } from '@/lib/locale-number';

/** A number as the form holds it: a number, '' when empty, or the text as typed when it is not a number. */
export type LocaleNumberValue = number | string;

type Props = Omit<TextInputProps, 'value' | 'onChange' | 'type'> & {
  value: unknown;
  onChange: (value: LocaleNumberValue) => void;
};

const shown = (value: unknown, locale: string) =>
  typeof value === 'number' ? formatNumberForInput(value, locale) : typeof value === 'string' ? value : '';

/** Does the text the user typed still stand for the form's value? */
function agrees(text: string, value: unknown, locale: string) {
  const parsed = parseLocaleNumber(text, locale);
  if (parsed.kind === 'number') return value === parsed.value;
  if (parsed.kind === 'empty') return value === '' || value === null || value === undefined;
  return value === text;
}

/**
 * A number in the user's language: typed and shown with its decimal separator ("2,5" in Portuguese, Catalan, Polish
 * and Greek; Mantine's NumberInput knows only one for all), handed to the form as a number. What the user typed stays
 * as typed ("2,", "1 000") while it means the form's value; a value set from outside (a reset, another language) is
 * shown in the locale's form. Text that is no number reaches the form as text, for its validation to name.
 */
export function LocaleNumberInput({ value, onChange, ...props }: Props) {
  const { locale } = useFormat();
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft !== null && agrees(draft, value, locale) ? draft : shown(value, locale);
  return (
    <TextInput
      {...props}
      inputMode="decimal"
      autoComplete="off"
      value={text}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setDraft(next);
        const parsed = parseLocaleNumber(next, locale);
        onChange(parsed.kind === 'number' ? parsed.value : parsed.kind === 'empty' ? '' : next);
      }}
    />
  );
}
