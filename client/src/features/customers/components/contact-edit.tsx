import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ContactInput } from '@/api/types';
import { ErrorAlert } from '@/components/ui/error-view';
import { PageLoader } from '@/components/ui/page-loader';
import { contactQueryOptions, useContact } from '../api/get-contact';
import { useUpdateContact, type SavedContact } from '../api/update-contact';
import { ConflictDialog } from './conflict-dialog';
import { ContactForm, contactToForm } from './contact-form';
import { useConflictResolution } from './use-conflict-resolution';

/** Edits one contact with If-Match; a 412 offers to reload or overwrite, like customers. */
export function ContactEdit({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const contact = useContact(id);
  const update = useUpdateContact(id);

  const saved = ({ contact: result }: SavedContact) => {
    notifications.show({
      color: 'green',
      message: t('contacts.saved', { name: [result.firstName, result.lastName].filter(Boolean).join(' ') }),
    });
    onDone();
  };

  const conflict = useConflictResolution({
    fetchLatest: () => queryClient.fetchQuery({ ...contactQueryOptions(id), staleTime: 0 }),
    toForm: (latest) => contactToForm(latest.contact),
    save: (input: ContactInput, etag) => update.mutateAsync({ input, etag }),
    onSaved: saved,
  });

  if (contact.isPending) return <PageLoader />;
  if (contact.isError) return <ErrorAlert error={contact.error} />;

  return (
    <>
      <ContactForm
        key={conflict.formKey}
        customerId={contact.data.contact.customerId}
        defaultValues={contactToForm(contact.data.contact)}
        submitLabel={t('common.save')}
        onCancel={onDone}
        onSubmit={async (input) => saved(await update.mutateAsync({ input, etag: contact.data.etag }))}
        onPreconditionFailed={conflict.onPreconditionFailed}
      />
      <ConflictDialog {...conflict.dialog} title={t('contacts.conflict.title')} text={t('contacts.conflict.text')} />
    </>
  );
}
