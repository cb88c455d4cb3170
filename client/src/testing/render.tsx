import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { ThemedProvider } from '@/app/provider';
import { AuthProvider, type AuthStatus } from '@/lib/auth';
import { i18n } from '@/lib/i18n';

type Options = {
  /** The URL the test starts at. */
  route?: string;
  /** The route pattern the element is mounted at, so useParams works. */
  path?: string;
  /** Other pages to navigate to, rendered as their path so tests can assert navigation. */
  extraRoutes?: RouteObject[];
  auth?: AuthStatus;
  /** Rendered by the router when the element throws. */
  errorElement?: ReactElement;
};

export function renderWithProviders(ui: ReactElement, options: Options = {}) {
  const { route = '/', path = '*', extraRoutes = [], auth = 'authenticated', errorElement } = options;
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
  const router = createMemoryRouter([{ path, element: ui, errorElement }, ...extraRoutes], { initialEntries: [route] });
  const user = userEvent.setup();
  const view = render(
    <I18nextProvider i18n={i18n}>
      <ThemedProvider env="test">
        <QueryClientProvider client={queryClient}>
          <Notifications />
          <AuthProvider initialStatus={auth}>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </ThemedProvider>
    </I18nextProvider>,
  );
  return { ...view, user, router, queryClient };
}
