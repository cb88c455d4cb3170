import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { CustomerEdit } from '@/features/customers/components/customer-edit';
import { useDocumentTitle } from '@/app/use-document-title';

export function Component() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  useDocumentTitle(t('customers.edit'));
  return (
    <>
      <PageHeader title={t('customers.edit')} />
      <CustomerEdit key={id} id={id} />
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '@/components/ui/error-view';
