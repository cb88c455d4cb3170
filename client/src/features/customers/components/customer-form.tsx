import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Fieldset, Group, SegmentedControl, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isApiError, type ApiError } from '@/api/problem';
import type { CustomerInput } from '@/api/types';
import { BusyButton } from '@/components/ui/busy-button';
import { ErrorAlert } from '@/components/ui/error-view';
import { useCustomFields } from '@/lib/custom-fields';
import { applyProblemToForm } from '@/lib/form-errors';
import { foldedFilter } from '@/lib/folded-filter';
import { customerKinds, customerTypes, lifecycleStages } from '../api/customer-enums';
import {
  customerFormFields,
  customerFormSchema,
  formToCustomerInput,
  type CustomerFormValues,
} from './customer-form-schema';
import { CustomFieldInputs } from './custom-field-inputs';
import { customFieldPaths, withCustomFieldChecks } from './custom-field-values';
import { DuplicateAlert, DuplicateText, duplicateField } from './duplicate-alert';
import type { Conflicted } from './use-conflict-resolution';
import { useOwners } from '@/lib/owners';

/** The fields another customer may already hold; a 409 names one of them. */
const isKeyField = (field: string | undefined): field is 'email' | 'externalId' => field === 'email' || field === 'externalId';

type Props = {
  defaultValues: CustomerFormValues;
  submitLabel: string;
  onSubmit: (input: CustomerInput) => Promise<unknown>;
  /** Called instead of showing an error when the save answers 412 Precondition Failed. */
  onPreconditionFailed?: (conflicted: Conflicted<CustomerInput, CustomerFormValues>) => void;
  onCancel?: () => void;
};

export function CustomerForm({ defaultValues, submitLabel, onSubmit, onPreconditionFailed, onCancel }: Props) {
  const { t } = useTranslation();
  const owners = useOwners();
  const definitions = useCustomFields('customers').data ?? [];
  const [duplicate, setDuplicate] = useState<ApiError | null>(null);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [failure, setFailure] = useState<unknown>(null);

  const form = useForm<CustomerFormValues>({
    resolver: withCustomFieldChecks(zodResolver(customerFormSchema), definitions),
    defaultValues,
    mode: 'onTouched',
  });
  const { register, control, handleSubmit, setError, formState } = form;
  const { errors, isSubmitting } = formState;

  // Client messages are i18n keys; server messages arrive already in words.
  const message = (text: string | undefined) =>
    text ? (text.startsWith('validation.') ? t(text) : text) : undefined;
  // A taken email or external ID says so by its field, with a link to the record that holds it.
  const onField = duplicate ? isKeyField(duplicateField(duplicate)) : false;
  const fieldError = (name: 'email' | 'externalId') =>
    duplicate && errors[name]?.type === 'duplicate' ? <DuplicateText error={duplicate} /> : message(errors[name]?.message);

  const submit = handleSubmit(async (values) => {
    setDuplicate(null);
    setOtherErrors([]);
    setFailure(null);
    const toInput = (from: CustomerFormValues) => formToCustomerInput(from, definitions, from.customFields);
    const input = formToCustomerInput(values, definitions, defaultValues.customFields);
    try {
      await onSubmit(input);
    } catch (error) {
      if (isApiError(error, 400)) {
        const rest = applyProblemToForm(error, setError, [...customerFormFields, ...customFieldPaths(definitions)]);
        setOtherErrors(rest.length ? rest : Object.keys(error.fieldErrors).length ? [] : [error.problem.title ?? '']);
      } else if (isApiError(error, 409)) {
        setDuplicate(error);
        // On the field that holds the taken value, focused: the form is taller than a screen, and an alert at its top
        // went unseen by someone who pressed Create at its bottom.
        const field = duplicateField(error);
        if (isKeyField(field))
          setError(field, { type: 'duplicate', message: error.problem.detail ?? t('customers.duplicate.text') }, { shouldFocus: true });
      } else if (isApiError(error, 412) && onPreconditionFailed) {
        onPreconditionFailed({ input, base: toInput(defaultValues), toInput });
      } else {
        setFailure(error);
      }
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel}>
      <Stack gap="md" maw={880}>
        <Controller
          control={control}
          name="kind"
          render={({ field }) => (
            <div>
              <Text component="label" size="sm" fw={500} id="customer-kind-label">
                {t('customers.fields.kind')}
              </Text>
              <SegmentedControl
                aria-labelledby="customer-kind-label"
                display="flex"
                w={280}
                value={field.value}
                onChange={(value) => field.onChange(value)}
                data={customerKinds.map((value) => ({ value, label: t(`customers.kinds.${value}`) }))}
              />
            </div>
          )}
        />

        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('customers.fields.name')}
            withAsterisk
            {...register('name')}
            error={message(errors.name?.message)}
            data-autofocus
          />
          <Controller
            control={control}
            name="type"
            render={({ field }) => (
              <Select
                ref={field.ref}
                label={t('customers.fields.type')}
                withAsterisk
                data={customerTypes.map((value) => ({ value, label: t(`customers.types.${value}`) }))}
                value={field.value}
                onChange={(value) => value && field.onChange(value)}
                onBlur={field.onBlur}
                allowDeselect={false}
                error={message(errors.type?.message)}
              />
            )}
          />
          <TextInput label={t('customers.fields.email')} type="email" {...register('email')} error={fieldError('email')} />
          <TextInput label={t('customers.fields.phone')} type="tel" {...register('phone')} error={message(errors.phone?.message)} />
          <TextInput label={t('customers.fields.website')} {...register('website')} error={message(errors.website?.message)} />
          <Controller
            control={control}
            name="lifecycleStage"
            render={({ field }) => (
              <Select
                ref={field.ref}
                label={t('customers.fields.lifecycleStage')}
                data={lifecycleStages.map((value) => ({ value, label: t(`customers.stages.${value}`) }))}
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                clearable
                error={message(errors.lifecycleStage?.message)}
              />
            )}
          />
          <Controller
            control={control}
            name="ownerId"
            render={({ field }) => (
              <Select
                ref={field.ref}
                label={t('customers.fields.owner')}
                data={owners.assignable(defaultValues.ownerId || field.value)}
                value={field.value || null}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                clearable
                clearButtonProps={{ 'aria-label': t('common.clear') }}
                searchable
                filter={foldedFilter}
                error={message(errors.ownerId?.message)}
              />
            )}
          />
          <TextInput
            label={t('customers.fields.externalId')}
            {...register('externalId')}
            error={fieldError('externalId')}
          />
        </SimpleGrid>

        <Controller
          control={control}
          name="tags"
          render={({ field }) => (
            <TagsInput
              ref={field.ref}
              label={t('customers.fields.tags')}
              description={t('customers.form.tagsHint')}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              clearable
              error={message(errors.tags?.message ?? errors.tags?.find?.((e) => e)?.message)}
            />
          )}
        />

        <Fieldset legend={t('customers.fields.address')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('customers.fields.line1')} {...register('address.line1')} error={message(errors.address?.line1?.message)} />
            <TextInput label={t('customers.fields.line2')} {...register('address.line2')} error={message(errors.address?.line2?.message)} />
            <TextInput label={t('customers.fields.city')} {...register('address.city')} error={message(errors.address?.city?.message)} />
            <TextInput label={t('customers.fields.region')} {...register('address.region')} error={message(errors.address?.region?.message)} />
            <TextInput
              label={t('customers.fields.postalCode')}
              {...register('address.postalCode')}
              error={message(errors.address?.postalCode?.message)}
            />
            <TextInput
              label={t('customers.fields.country')}
              description={t('customers.form.countryHint')}
              maxLength={2}
              {...register('address.country')}
              error={message(errors.address?.country?.message)}
            />
          </SimpleGrid>
        </Fieldset>

        {definitions.length ? (
          <Fieldset legend={t('customers.customFields')}>
            <CustomFieldInputs
              control={control}
              definitions={definitions}
              errorFor={(key) => message((errors.customFields as Record<string, { message?: string } | undefined> | undefined)?.[key]?.message)}
            />
          </Fieldset>
        ) : null}

        {/* By the buttons, where the user is once they press Save: the form is taller than a screen, and at its top a
            refusal (a 503, say) went unseen, as if the save had worked. */}
        {duplicate && !onField ? <DuplicateAlert error={duplicate} /> : null}
        {failure ? <ErrorAlert error={failure} /> : null}
        {otherErrors.length ? (
          <Alert color="red" title={t('customers.form.fixErrors')} role="alert">
            {otherErrors.map((text) => (
              <Text key={text} size="sm">
                {text}
              </Text>
            ))}
          </Alert>
        ) : null}

        <Group justify="flex-end">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          ) : null}
          <BusyButton type="submit" loading={isSubmitting}>
            {submitLabel}
          </BusyButton>
        </Group>
      </Stack>
    </form>
  );
}
