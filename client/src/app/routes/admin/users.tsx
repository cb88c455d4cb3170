import { useTranslation } from 'react-i18next';
import { UsersList } from '@/features/users/components/users-list';
import { useDocumentTitle } from '@/app/use-document-title';
import { RequireAdmin } from './require-admin';

export function Component() {
  const { t } = useTranslation();
  useDocumentTitle(t('users.title'));
  return (
    <RequireAdmin>
      <UsersList />
    </RequireAdmin>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '@/components/ui/error-view';
