import { useTranslation } from 'react-i18next';
import { AuditLog } from '@/features/audit/components/audit-log';
import { useDocumentTitle } from '@/app/use-document-title';
import { NotFound } from '@/components/ui/not-found';
import { PageLoader } from '@/components/ui/page-loader';
import { canReadAudit, useMe } from '@/lib/auth';

export function Component() {
  const { t } = useTranslation();
  useDocumentTitle(t('audit.title'));
  const { data: me, isPending } = useMe();
  if (isPending) return <PageLoader />;
  // The audit log is for Admins and Managers (GET /audit); for anyone else the page does not exist.
  return canReadAudit(me) ? <AuditLog /> : <NotFound />;
}

export { RouteErrorBoundary as ErrorBoundary } from '@/components/ui/error-view';
