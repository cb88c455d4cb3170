import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateContact } from '../api/create-contact';
import { ContactForm, emptyContactForm } from './contact-form';

export function ContactCreate({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateContact(customerId);
  // One key per form: a double submit or a retry replays instead of creating twice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  return (
    <ContactForm
      customerId={customerId}
      defaultValues={emptyContactForm}
      submitLabel={t('contacts.add')}
      onCancel={onDone}
      onSubmit={async (input) => {
        await create.mutateAsync({ input, idempotencyKey });
        onDone();
      }}
    />
  );
}
