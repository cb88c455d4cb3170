import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/app/use-document-title';
import { CustomFieldsList } from '@/features/custom-fields/components/custom-fields-list';
import { RequireAdmin } from '../admin/require-admin';

export function Component() {
  const { t } = useTranslation();
  useDocumentTitle(t('customFields.title'));
  return (
    <RequireAdmin>
      <CustomFieldsList />
    </RequireAdmin>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '@/components/ui/error-view';
