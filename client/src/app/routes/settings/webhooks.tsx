import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/app/use-document-title';
import { WebhooksList } from '@/features/webhooks/components/webhooks-list';
import { RequireAdmin } from '../admin/require-admin';

export function Component() {
  const { t } = useTranslation();
  useDocumentTitle(t('webhooks.title'));
  return (
    <RequireAdmin>
      <WebhooksList />
    </RequireAdmin>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '@/components/ui/error-view';
