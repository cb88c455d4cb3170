import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/app/use-document-title';
import { NotFound } from '@/components/ui/not-found';
import { PageLoader } from '@/components/ui/page-loader';
import { ImportsPage } from '@/features/imports/components/imports-page';
import { canImport, useMe } from '@/lib/auth';

export function Component() {
  const { t } = useTranslation();
  const { data: me, isPending } = useMe();
  useDocumentTitle(t('imports.title'));
  if (isPending) return <PageLoader />;
  return canImport(me) ? <ImportsPage /> : <NotFound />;
}

export { RouteErrorBoundary as ErrorBoundary } from '@/components/ui/error-view';
