import { useTranslation } from 'react-i18next';
import { DepartmentsList } from '@/features/departments/components/departments-list';
import { useDocumentTitle } from '@/app/use-document-title';
import { RequireAdmin } from './require-admin';

export function Component() {
  const { t } = useTranslation();
  useDocumentTitle(t('departments.title'));
  return (
    <RequireAdmin>
      <DepartmentsList />
    </RequireAdmin>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '@/components/ui/error-view';
