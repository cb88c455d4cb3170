import { Button, type ButtonProps } from '@mantine/core';
import type { ComponentPropsWithoutRef } from 'react';

type Props = ButtonProps & Omit<ComponentPropsWithoutRef<'button'>, keyof ButtonProps>;

/**
 * A Button whose `loading` keeps it focused. Mantine's `loading` disables the button, and a browser moves the focus of a
 * button that becomes disabled to <body>: after a failed submit in a dialog, Tab went on to the page behind it. This one
 * shows the same spinner but stays enabled (aria-disabled and aria-busy say it is working) and ignores clicks while
 * busy, so a second click or Enter in a field (which clicks the submit button) does not send the request twice.
 */
export function BusyButton({ loading, disabled, onClick, ...props }: Props) {
  return (
    <Button
      {...props}
      loading={loading}
      disabled={disabled}
      aria-disabled={loading || disabled || undefined}
      aria-busy={loading || undefined}
      onClick={(event) => {
        if (loading) return event.preventDefault();
        onClick?.(event);
      }}
      // Mantine passes disabled={disabled || loading} to the element; only `disabled` may disable it.
      renderRoot={(root: ComponentPropsWithoutRef<'button'>) => <button {...root} disabled={disabled} />}
    />
  );
}
