import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Checkbox, Fieldset, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { isApiError } from '@/api/problem';
import type { Contact, ContactInput } from '@/api/types';
import { BusyButton } from '@/components/ui/busy-button';
import { useCustomFields } from '@/lib/custom-fields';
import { applyProblemToForm } from '@/lib/form-errors';
import { CustomFieldInputs } from './custom-field-inputs';
import { customFieldPaths, customFieldsToInput, withCustomFieldChecks } from './custom-field-values';
import type { Conflicted } from './use-conflict-resolution';

const text = (max: number) => z.string().check(z.trim(), z.maxLength(max, 'validation.tooLong'));

const schema = z.object({
  firstName: z.string().check(z.trim(), z.minLength(1, 'validation.required'), z.maxLength(100, 'validation.tooLong')),
  lastName: text(100),
  email: z.union([z.literal(''), z.email('validation.email')]),
  phone: text(50),
  jobTitle: text(100),
  emailConsent: z.boolean(),
  externalId: text(100),
  customFields: z.record(z.string(), z.unknown()),
});

export type ContactFormValues = z.infer<typeof schema>;
const fields = ['firstName', 'lastName', 'email', 'phone', 'jobTitle', 'emailConsent', 'externalId'] as const;
const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

export const emptyContactForm: ContactFormValues = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  jobTitle: '',
  emailConsent: false,
  externalId: '',
  customFields: {},
};

export const contactToForm = (contact: Contact): ContactFormValues => ({
  firstName: contact.firstName ?? '',
  lastName: contact.lastName ?? '',
  email: contact.email ?? '',
  phone: contact.phone ?? '',
  jobTitle: contact.jobTitle ?? '',
  emailConsent: contact.emailConsent ?? false,
  externalId: contact.externalId ?? '',
  customFields: { ...(contact.customFields ?? {}) },
});

type Props = {
  customerId: string;
  defaultValues: ContactFormValues;
  submitLabel: string;
  onSubmit: (input: ContactInput) => Promise<unknown>;
  /** Called instead of showing an error when the save answers 412 Precondition Failed. */
  onPreconditionFailed?: (conflicted: Conflicted<ContactInput, ContactFormValues>) => void;
  onCancel: () => void;
};

/** The fields of a contact, for both adding and editing; API field errors land on the fields. */
export function ContactForm({ customerId, defaultValues, submitLabel, onSubmit, onPreconditionFailed, onCancel }: Props) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const definitions = useCustomFields('contacts').data ?? [];
  const { register, control, handleSubmit, setError, setFocus, formState } = useForm<ContactFormValues>({
    resolver: withCustomFieldChecks(zodResolver(schema), definitions),
    defaultValues,
  });
  // The edit dialog opens before its contact has loaded, so the dialog's own first focus went to its close button.
  useEffect(() => setFocus('firstName'), [setFocus]);
  const { errors, isSubmitting } = formState;
  const message = (value?: string) => (value ? (value.startsWith('validation.') ? t(value) : value) : undefined);

  const toInput = (values: ContactFormValues, original = values.customFields): ContactInput => ({
    customerId,
      firstName: values.firstName.trim(),
      lastName: orNull(values.lastName),
      email: orNull(values.email),
      phone: orNull(values.phone),
      jobTitle: orNull(values.jobTitle),
      emailConsent: values.emailConsent,
      // PUT replaces every field: values the form does not show go back as they were.
      externalId: orNull(values.externalId),
      customFields: customFieldsToInput(definitions, values.customFields, original),
  });

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    const input = toInput(values, defaultValues.customFields);
    try {
      await onSubmit(input);
    } catch (error) {
      if (isApiError(error, 412) && onPreconditionFailed) {
        return onPreconditionFailed({ input, base: toInput(defaultValues), toInput: (from) => toInput(from) });
      }
      const rest = applyProblemToForm(error, setError, [...fields, ...customFieldPaths(definitions)]);
      if (isApiError(error, 409)) {
        // On the field whose value another contact holds, focused, as a 400's messages are.
        const field = (error.problem as { field?: string }).field;
        const text = error.problem.detail ?? t('contacts.duplicate');
        if (field === 'email' || field === 'externalId') setError(field, { type: 'duplicate', message: text }, { shouldFocus: true });
        else setFailure(text);
      }
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
          <TextInput
            label={t('contacts.fields.externalId')}
            {...register('externalId')}
            error={message(errors.externalId?.message)}
          />
        </SimpleGrid>
        <Checkbox label={t('contacts.fields.emailConsent')} {...register('emailConsent')} />
        {definitions.length ? (
          <Fieldset legend={t('customers.customFields')}>
            <CustomFieldInputs
              control={control}
              definitions={definitions}
              errorFor={(key) => message((errors.customFields as Record<string, { message?: string } | undefined> | undefined)?.[key]?.message)}
            />
          </Fieldset>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <BusyButton type="submit" loading={isSubmitting}>
            {submitLabel}
          </BusyButton>
        </Group>
      </Stack>
    </form>
  );
}
