import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '@/api/problem';
import type { CustomerInput } from '@/api/types';
import { ErrorAlert } from '@/components/ui/error-view';
import { NotFound } from '@/components/ui/not-found';
import { PageLoader } from '@/components/ui/page-loader';
import { paths } from '@/config/paths';
import { customerQueryOptions, useCustomer } from '../api/get-customer';
import { useUpdateCustomer, type SavedCustomer } from '../api/save-customer';
import { ConflictDialog } from './conflict-dialog';
import { CustomerForm } from './customer-form';
import { customerToForm } from './customer-form-schema';
import { useConflictResolution } from './use-conflict-resolution';

export function CustomerEdit({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const customer = useCustomer(id);
  const update = useUpdateCustomer(id);

  const saved = ({ customer: result }: SavedCustomer) => {
    notifications.show({ color: 'green', message: t('customers.form.saved', { name: result.name ?? '' }) });
    navigate(paths.customer.getHref(id));
  };

  const conflict = useConflictResolution({
    fetchLatest: () => queryClient.fetchQuery({ ...customerQueryOptions(id), staleTime: 0 }),
    toForm: (latest) => customerToForm(latest.customer),
    save: (input: CustomerInput, etag) => update.mutateAsync({ input, etag }),
    onSaved: saved,
  });

  if (customer.isPending) return <PageLoader />;
  if (customer.isError) return isApiError(customer.error, 404) ? <NotFound /> : <ErrorAlert error={customer.error} />;

  return (
    <>
      <CustomerForm
        key={conflict.formKey}
        defaultValues={customerToForm(customer.data.customer)}
        submitLabel={t('common.save')}
        onCancel={() => navigate(paths.customer.getHref(id))}
        onSubmit={async (input) => saved(await update.mutateAsync({ input, etag: customer.data.etag }))}
        onPreconditionFailed={conflict.onPreconditionFailed}
      />
      <ConflictDialog {...conflict.dialog} title={t('customers.conflict.title')} text={t('customers.conflict.text')} />
    </>
  );
}
