import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { notifications } from '@mantine/notifications';
import { paths } from '@/config/paths';
import { PageLoader } from '@/components/ui/page-loader';
import { useMe } from '@/lib/auth';
import { useCreateCustomer } from '../api/save-customer';
import { emptyCustomerForm } from './customer-form-schema';
import { CustomerForm } from './customer-form';

export function CustomerCreate() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateCustomer();
  const me = useMe();
  // One key per form: a double submit or a retry replays instead of creating twice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  // New customers belong to whoever records them unless they pick someone else.
  if (me.isPending) return <PageLoader />;
  const defaultValues = { ...emptyCustomerForm, ownerId: me.data?.id ?? '' };

  return (
    <CustomerForm
      defaultValues={defaultValues}
      submitLabel={t('customers.form.create')}
      onCancel={() => navigate(paths.customers.getHref())}
      onSubmit={async (input) => {
        const saved = await create.mutateAsync({ input, idempotencyKey });
        notifications.show({ color: 'green', message: t('customers.form.created', { name: saved.customer.name }) });
        navigate(paths.customer.getHref(saved.customer.id ?? ''));
      }}
    />
  );
}
