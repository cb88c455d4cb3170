import { TextInput } from '@mantine/core';
import { useState, type ComponentProps } from 'react';
import { useFormat } from '@/lib/format';

type DateInputProps = Omit<ComponentProps<typeof TextInput>, 'type'>;

/**
 * A calendar day field. It is the browser's own date input (its picker, its keyboard, yyyy-mm-dd values), which shows
 * the day in the browser's language and order, not the app's: a Greek page in an English browser reads 03/05/2026.
 * No browser lets a page change that, so the day is also said beneath it in the app's language ("Πέμπτη 5 Μαρτίου
 * 2026"), which tells 5 March from 3 May. Controlled (value) or not (react-hook-form's register).
 */
export function DateInput({ description, onChange, ...props }: DateInputProps) {
  const format = useFormat();
  const [typed, setTyped] = useState(typeof props.defaultValue === 'string' ? props.defaultValue : '');
  const value = typeof props.value === 'string' ? props.value : typed;
  const said = format.day(value);
  return (
    <TextInput
      {...props}
      type="date"
      onChange={(event) => {
        setTyped(event.currentTarget.value);
        onChange?.(event);
      }}
      description={
        said ? (
          <>
            {description}
            {description ? <br /> : null}
            <span>{said}</span>
          </>
        ) : (
          description
        )
      }
    />
  );
}
