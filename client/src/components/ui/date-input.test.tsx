import { act, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { renderWithProviders } from '@/testing/render';
import { DateInput } from './date-input';

function Controlled() {
  const [value, setValue] = useState('2026-03-05');
  return <DateInput label="Founded" description="When the company began" value={value} onChange={(event) => setValue(event.currentTarget.value)} />;
}

describe('DateInput', () => {
  // The browser's date input shows the day in the browser's language and order (03/05/2026 in an English browser):
  // the field also says it in the app's language, so 5 March is not read as 3 May.
  it('says the chosen day beneath the field in the language chosen in the app, and follows what is typed', async () => {
    await act(() => i18n.changeLanguage('el'));
    try {
      renderWithProviders(<Controlled />);
      const input = await screen.findByLabelText('Founded');
      expect(input).toHaveAttribute('type', 'date');
      expect(input).toHaveAccessibleDescription(/When the company began\s*Πέμπτη 5 Μαρτίου 2026/);

      fireEvent.change(input, { target: { value: '2026-05-03' } });
      expect(input).toHaveAccessibleDescription(/Κυριακή 3 Μαΐου 2026/);

      fireEvent.change(input, { target: { value: '' } });
      expect(input).toHaveAccessibleDescription('When the company began');
    } finally {
      await act(() => i18n.changeLanguage('en'));
    }
  });

  it('follows the day typed when the form does not hold the value (react-hook-form register)', async () => {
    await act(() => i18n.changeLanguage('pl'));
    try {
      renderWithProviders(<DateInput label="Expires on" name="expiresOn" />);
      const input = await screen.findByLabelText('Expires on');
      expect(input).not.toHaveAccessibleDescription();
      fireEvent.change(input, { target: { value: '2026-12-31' } });
      expect(screen.getByText('czwartek, 31 grudnia 2026')).toBeInTheDocument();
      expect(input).toHaveAccessibleDescription('czwartek, 31 grudnia 2026');
    } finally {
      await act(() => i18n.changeLanguage('en'));
    }
  });
});
