import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Checkbox, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { isApiError } from '@/api/problem';
import { applyProblemToForm } from '@/lib/form-errors';
import { useCreateContact } from '../api/create-contact';

const text = (max: number) => z.string().check(z.trim(), z.maxLength(max, 'validation.tooLong'));

const schema = z.object({
  firstName: z.string().check(z.trim(), z.minLength(1, 'validation.required'), z.maxLength(100, 'validation.tooLong')),
  lastName: text(100),
  email: z.union([z.literal(''), z.email('validation.email')]),
  phone: text(50),
  jobTitle: text(100),
  emailConsent: z.boolean(),
});

type Values = z.infer<typeof schema>;
const fields = ['firstName', 'lastName', 'email', 'phone', 'jobTitle', 'emailConsent'] as const;
const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

export function ContactForm({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateContact(customerId);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { firstName: '', lastName: '', email: '', phone: '', jobTitle: '', emailConsent: false },
  });
  const { errors, isSubmitting } = formState;
  const message = (value?: string) => (value ? (value.startsWith('validation.') ? t(value) : value) : undefined);

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await create.mutateAsync({
        idempotencyKey,
        input: {
          customerId,
          firstName: values.firstName.trim(),
          lastName: orNull(values.lastName),
          email: orNull(values.email),
          phone: orNull(values.phone),
          jobTitle: orNull(values.jobTitle),
          emailConsent: values.emailConsent,
        },
      });
      onDone();
    } catch (error) {
      const rest = applyProblemToForm(error, setError, fields);
      if (isApiError(error, 409)) setFailure(error.problem.detail ?? t('contacts.duplicate'));
      else if (!isApiError(error, 400) || rest.length)
        setFailure(isApiError(error) ? [error.problem.title, ...rest].filter(Boolean).join(' ') : t('errors.unexpected'));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('contacts.add')}>
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
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {t('contacts.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
