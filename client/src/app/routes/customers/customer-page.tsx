import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CustomerDetails } from '@/features/customers/components/customer-details';
import { useDocumentTitle } from '@/app/use-document-title';

export function Component() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  useDocumentTitle(t('customers.title'));
  return <CustomerDetails key={id} id={id} />;
}

export { RouteErrorBoundary as ErrorBoundary } from '@/components/ui/error-view';
