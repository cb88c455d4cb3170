import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { CustomerCreate } from '@/features/customers/components/customer-create';
import { useDocumentTitle } from '@/app/use-document-title';

export function Component() {
  const { t } = useTranslation();
  useDocumentTitle(t('customers.new'));
  return (
    <>
      <PageHeader title={t('customers.new')} />
      <CustomerCreate />
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '@/components/ui/error-view';
