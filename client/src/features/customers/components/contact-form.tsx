import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Checkbox, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { isApiError } from '@/api/problem';
import type { Contact, ContactInput } from '@/api/types';
import { applyProblemToForm } from '@/lib/form-errors';

const text = (max: number) => z.string().check(z.trim(), z.maxLength(max, 'validation.tooLong'));

const schema = z.object({
  firstName: z.string().check(z.trim(), z.minLength(1, 'validation.required'), z.maxLength(100, 'validation.tooLong')),
  lastName: text(100),
  email: z.union([z.literal(''), z.email('validation.email')]),
  phone: text(50),
  jobTitle: text(100),
  emailConsent: z.boolean(),
});

export type ContactFormValues = z.infer<typeof schema>;
const fields = ['firstName', 'lastName', 'email', 'phone', 'jobTitle', 'emailConsent'] as const;
const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

export const emptyContactForm: ContactFormValues = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  jobTitle: '',
  emailConsent: false,
};

export const contactToForm = (contact: Contact): ContactFormValues => ({
  firstName: contact.firstName ?? '',
  lastName: contact.lastName ?? '',
  email: contact.email ?? '',
  phone: contact.phone ?? '',
  jobTitle: contact.jobTitle ?? '',
  emailConsent: contact.emailConsent ?? false,
});

type Props = {
  customerId: string;
  defaultValues: ContactFormValues;
  submitLabel: string;
  onSubmit: (input: ContactInput) => Promise<unknown>;
  /** Called instead of showing an error when the save answers 412 Precondition Failed. */
  onPreconditionFailed?: (input: ContactInput) => void;
  onCancel: () => void;
};

/** The fields of a contact, for both adding and editing; API field errors land on the fields. */
export function ContactForm({ customerId, defaultValues, submitLabel, onSubmit, onPreconditionFailed, onCancel }: Props) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<ContactFormValues>({
    resolver: zodResolver(schema),
    defaultValues,
  });
  const { errors, isSubmitting } = formState;
  const message = (value?: string) => (value ? (value.startsWith('validation.') ? t(value) : value) : undefined);

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    const input: ContactInput = {
      customerId,
      firstName: values.firstName.trim(),
      lastName: orNull(values.lastName),
      email: orNull(values.email),
      phone: orNull(values.phone),
      jobTitle: orNull(values.jobTitle),
      emailConsent: values.emailConsent,
    };
    try {
      await onSubmit(input);
    } catch (error) {
      if (isApiError(error, 412) && onPreconditionFailed) return onPreconditionFailed(input);
      const rest = applyProblemToForm(error, setError, fields);
      if (isApiError(error, 409)) setFailure(error.problem.detail ?? t('contacts.duplicate'));
      else if (!isApiError(error, 400) || rest.length)
        setFailure(isApiError(error) ? [error.problem.title, ...rest].filter(Boolean).join(' ') : t('errors.unexpected'));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel}>
      <Stack>
        {failure ? (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('contacts.fields.firstName')}
            withAsterisk
            data-autofocus
            {...register('firstName')}
            error={message(errors.firstName?.message)}
          />
          <TextInput label={t('contacts.fields.lastName')} {...register('lastName')} error={message(errors.lastName?.message)} />
          <TextInput label={t('contacts.fields.email')} type="email" {...register('email')} error={message(errors.email?.message)} />
          <TextInput label={t('contacts.fields.phone')} type="tel" {...register('phone')} error={message(errors.phone?.message)} />
          <TextInput label={t('contacts.fields.jobTitle')} {...register('jobTitle')} error={message(errors.jobTitle?.message)} />
        </SimpleGrid>
        <Checkbox label={t('contacts.fields.emailConsent')} {...register('emailConsent')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
