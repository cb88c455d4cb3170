import { Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { AppLayout } from '@/components/layouts/app-layout';
import { PageLoader } from '@/components/ui/page-loader';
import { paths } from '@/config/paths';
import { GlobalSearch } from '@/features/search/components/global-search';
import { useAuth } from '@/lib/auth';

/** Everything behind sign-in: the shell around the module pages. */
export function Component() {
  const { status } = useAuth();
  const location = useLocation();
  if (status !== 'authenticated') {
    // Back to this page after signing in again, but not the next person after a sign-out (the last one's search).
    const redirectTo = status === 'signedOut' ? null : `${location.pathname}${location.search}`;
    return <Navigate to={paths.signIn.getHref(redirectTo)} replace />;
  }
  return (
    <AppLayout search={<GlobalSearch />}>
      <Suspense fallback={<PageLoader />}>
        <Outlet />
      </Suspense>
    </AppLayout>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '@/components/ui/error-view';
