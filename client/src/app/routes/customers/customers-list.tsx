import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { paths } from '@/config/paths';
import { CustomersList } from '@/features/customers/components/customers-list';
import { useDocumentTitle } from '@/app/use-document-title';

export function Component() {
  const { t } = useTranslation();
  useDocumentTitle(t('customers.title'));
  return (
    <>
      <PageHeader
        title={t('customers.title')}
        actions={
          <Button component={Link} to={paths.newCustomer.getHref()} leftSection={<IconPlus size={16} />}>
            {t('customers.new')}
          </Button>
        }
      />
      <CustomersList />
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '@/components/ui/error-view';
