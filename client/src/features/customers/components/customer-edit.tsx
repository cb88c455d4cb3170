import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CustomerInput } from '@/api/types';
import { ErrorAlert } from '@/components/ui/error-view';
import { PageLoader } from '@/components/ui/page-loader';
import { paths } from '@/config/paths';
import { customerQueryOptions, useCustomer } from '../api/get-customer';
import { useUpdateCustomer } from '../api/save-customer';
import { ConflictDialog } from './conflict-dialog';
import { CustomerForm } from './customer-form';
import { customerToForm } from './customer-form-schema';

export function CustomerEdit({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const customer = useCustomer(id);
  const update = useUpdateCustomer(id);
  const [conflict, setConflict] = useState<CustomerInput | null>(null);
  const [resolving, setResolving] = useState(false);
  // Remounts the form with the server's values after "reload".
  const [formVersion, setFormVersion] = useState(0);

  if (customer.isPending) return <PageLoader />;
  if (customer.isError) return <ErrorAlert error={customer.error} />;

  const saved = (name: string) => {
    notifications.show({ color: 'green', message: t('customers.form.saved', { name }) });
    navigate(paths.customer.getHref(id));
  };

  const fetchLatest = () => queryClient.fetchQuery({ ...customerQueryOptions(id), staleTime: 0 });

  const reload = async () => {
    setResolving(true);
    try {
      await fetchLatest();
      setConflict(null);
      setFormVersion((v) => v + 1);
    } finally {
      setResolving(false);
    }
  };

  const overwrite = async () => {
    if (!conflict) return;
    setResolving(true);
    try {
      const latest = await fetchLatest();
      const result = await update.mutateAsync({ input: conflict, etag: latest.etag });
      setConflict(null);
      saved(result.customer.name ?? '');
    } catch (error) {
      setConflict(null);
      notifications.show({ color: 'red', message: error instanceof Error ? error.message : t('errors.unexpected') });
    } finally {
      setResolving(false);
    }
  };

  return (
    <>
      <CustomerForm
        key={formVersion}
        defaultValues={customerToForm(customer.data.customer)}
        submitLabel={t('common.save')}
        onCancel={() => navigate(paths.customer.getHref(id))}
        onSubmit={async (input) => {
          const result = await update.mutateAsync({ input, etag: customer.data.etag });
          saved(result.customer.name ?? '');
        }}
        onPreconditionFailed={setConflict}
      />
      <ConflictDialog
        opened={conflict !== null}
        busy={resolving}
        onReload={() => void reload()}
        onOverwrite={() => void overwrite()}
        onCancel={() => setConflict(null)}
      />
    </>
  );
}
