import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import './app.css';
import { createTheme, MantineProvider } from '@mantine/core';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { AppErrorBoundary } from '@/components/ui/error-view';
import { PageLoader } from '@/components/ui/page-loader';
import { AuthProvider, useAuth } from '@/lib/auth';
import { i18n } from '@/lib/i18n';
import { createQueryClient } from '@/lib/query-client';

// The toasts' container (its transitions, portal and scroll-bar handling) is no part of a page's first paint: it loads
// just after, in its own chunk. A toast shown before it is in waits in the notifications store and appears with it.
const Notifications = lazy(() => import('./toasts'));

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
});

/** Mantine's own buttons (clear, close) get labels in the user's language too. */
export function ThemedProvider({ children, env }: { children: ReactNode; env?: 'default' | 'test' }) {
  const { t } = useTranslation();
  const localized = useMemo(() => {
    const clear = { clearButtonProps: { 'aria-label': t('common.clear') } };
    const close = { closeButtonProps: { 'aria-label': t('common.close') } };
    return createTheme({
      ...theme,
      // Plain objects rather than Component.extend(): keeps those components out of the entry chunk.
      components: {
        Select: { defaultProps: clear },
        MultiSelect: { defaultProps: clear },
        TagsInput: { defaultProps: clear },
        Modal: { defaultProps: close, classNames: { header: 'dialog-header', title: 'dialog-title' } },
        Notification: { defaultProps: close },
      },
    });
  }, [t]);
  return (
    <MantineProvider theme={localized} defaultColorScheme="auto" env={env}>
      {children}
    </MantineProvider>
  );
}

/** Holds the router back until we know whether the refresh cookie restores a session. */
function SessionGate({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  return status === 'loading' ? <PageLoader /> : children;
}

export function AppProvider({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <I18nextProvider i18n={i18n}>
      <Suspense fallback={null}>
        <ThemedProvider>
          <AppErrorBoundary>
            <Suspense fallback={<PageLoader />}>
              <QueryClientProvider client={client}>
                <Suspense fallback={null}>
                  <Notifications position="bottom-right" />
                </Suspense>
                <AuthProvider>
                  <SessionGate>{children}</SessionGate>
                </AuthProvider>
              </QueryClientProvider>
            </Suspense>
          </AppErrorBoundary>
        </ThemedProvider>
      </Suspense>
    </I18nextProvider>
  );
}
