import { notifications } from '@mantine/notifications';
import { render, screen } from '@testing-library/react';
import { useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { AppProvider } from './provider';

function ToastOnMount() {
  useEffect(() => {
    notifications.show({ message: 'Zapisano: Zakład Łódzki.' });
  }, []);
  return <p>page</p>;
}

describe('AppProvider', () => {
  // The toasts' container is loaded after the first paint; a toast shown before it is in must not be lost.
  it('shows a toast asked for before its lazily loaded container is in', async () => {
    render(
      <AppProvider>
        <ToastOnMount />
      </AppProvider>,
    );
    expect(await screen.findByText('page')).toBeInTheDocument();
    expect(await screen.findByText('Zapisano: Zakład Łódzki.')).toBeInTheDocument();
  });
});
