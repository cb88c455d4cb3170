import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Code, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { isApiError } from '@/api/problem';
import type { CustomField, CustomFieldEntity } from '@/api/types';
import { BusyButton } from '@/components/ui/busy-button';
import { applyProblemToForm } from '@/lib/form-errors';
import { useCreateCustomField } from '../api/create-custom-field';
import { customFieldEntities, customFieldTypes, hasOptions } from '../api/field-types';
import { useUpdateCustomField } from '../api/update-custom-field';
import { OptionsEditor } from './options-editor';

/** The options as saved: trimmed, without blanks, and the one still being typed last unless it is there already. */
const withDraft = ({ options, newOption }: { options: string[]; newOption: string }) => {
  const list = options.map((option) => option.trim()).filter(Boolean);
  const draft = newOption.trim();
  return draft && !list.includes(draft) ? [...list, draft] : list;
};

const schema = z
  .object({
    entity: z.enum(customFieldEntities),
    key: z.string().check(z.trim(), z.minLength(1, 'validation.required'), z.maxLength(50, 'validation.tooLong'), z.regex(/^[a-z][A-Za-z0-9_]*$/, 'validation.customFieldKey')),
    label: z.string().check(z.trim(), z.minLength(1, 'validation.required'), z.maxLength(100, 'validation.tooLong')),
    description: z.string().check(z.trim(), z.maxLength(500, 'validation.tooLong')),
    type: z.enum(customFieldTypes),
    options: z.array(z.string()),
    /** Typed in the new option's box and not added yet: saved with the others rather than dropped. */
    newOption: z.string(),
  })
  .check(
    z.refine((values) => !hasOptions(values.type) || withDraft(values).length > 0, {
      path: ['options'],
      message: 'validation.options',
    }),
  );

type Values = z.infer<typeof schema>;
const serverFields = ['entity', 'key', 'label', 'description', 'type', 'options'] as const;

type Props = { onDone: (field: CustomField) => void; onCancel: () => void } & (
  | { mode: 'create'; entity: CustomFieldEntity }
  | { mode: 'edit'; field: CustomField; etag: string | null }
);


/** Defines a field, or changes one's label, help text and options (key and type never change). */
export function CustomFieldForm(props: Props) {
  const { t } = useTranslation();
  const create = useCreateCustomField();
  const update = useUpdateCustomField(props.mode === 'edit' ? props.field.id : '');
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [failure, setFailure] = useState<string[]>([]);
  const editing = props.mode === 'edit' ? props.field : null;
  const { register, control, handleSubmit, setError, setValue, watch, formState } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: editing
      ? {
          entity: editing.entity,
          key: editing.key,
          label: editing.label,
          description: editing.description ?? '',
          type: editing.type,
          options: [...editing.options],
          newOption: '',
        }
      : { entity: props.mode === 'create' ? props.entity : 'customers', key: '', label: '', description: '', type: 'text', options: [], newOption: '' },
  });
  const { errors, isSubmitting } = formState;
  const message = (text?: string) => (text ? (text.startsWith('validation.') ? t(text) : text) : undefined);
  const type = watch('type');
  const title = editing ? t('customFields.edit') : t('customFields.create');

  const submit = handleSubmit(async (values) => {
    setFailure([]);
    const options = hasOptions(values.type) ? withDraft(values) : [];
    try {
      const saved =
        props.mode === 'edit'
          ? await update.mutateAsync({
              etag: props.etag,
              input: { label: values.label.trim(), description: values.description.trim() || null, options },
            })
          : await create.mutateAsync({
              idempotencyKey,
              input: {
                entity: values.entity,
                key: values.key.trim(),
                label: values.label.trim(),
                description: values.description.trim() || null,
                type: values.type,
                options,
              },
            });
      props.onDone(saved);
    } catch (error) {
      // A definite answer: the next attempt is another request, with another key.
      if (isApiError(error)) setIdempotencyKey(crypto.randomUUID());
      if (isApiError(error, 400)) {
        const rest = applyProblemToForm(error, setError, serverFields);
        if (rest.length || !Object.keys(error.fieldErrors).length) setFailure(rest.length ? rest : [error.problem.title ?? '']);
      } else if (isApiError(error, 409) && props.mode === 'create') {
        // The same key already exists on this record type.
        setError('key', { type: 'server', message: error.problem.detail ?? error.problem.title ?? '' }, { shouldFocus: true });
      } else if (isApiError(error, 412)) {
        setFailure([t('customFields.stale')]);
      } else if (isApiError(error)) {
        // 409 on edit: an option still in use; the server says how many records hold it.
        setFailure([error.problem.detail ?? error.problem.title ?? t('errors.unexpected')]);
      } else {
        setFailure([t('errors.unexpected')]);
      }
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={title}>
      <Stack>
        {failure.length ? (
          <Alert color="red" role="alert">
            {failure.map((text) => (
              <Text key={text} size="sm">
                {text}
              </Text>
            ))}
          </Alert>
        ) : null}
        {editing ? (
          <Group gap="xl">
            <div>
              <Text size="xs" c="dimmed">
                {t('customFields.fields.key')}
              </Text>
              <Code>{editing.key}</Code>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('customFields.fields.type')}
              </Text>
              <Text size="sm">{t(`customFields.types.${editing.type}`)}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('customFields.fields.entity')}
              </Text>
              <Text size="sm">{t(`customFields.entities.${editing.entity}`)}</Text>
            </div>
          </Group>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Controller
              control={control}
              name="entity"
              render={({ field }) => (
                <Select
                  label={t('customFields.fields.entity')}
                  withAsterisk
                  data={customFieldEntities.map((value) => ({ value, label: t(`customFields.entities.${value}`) }))}
                  value={field.value}
                  onChange={(value) => value && field.onChange(value)}
                  allowDeselect={false}
                  error={message(errors.entity?.message)}
                />
              )}
            />
            <Controller
              control={control}
              name="type"
              render={({ field }) => (
                <Select
                  label={t('customFields.fields.type')}
                  withAsterisk
                  data={customFieldTypes.map((value) => ({ value, label: t(`customFields.types.${value}`) }))}
                  value={field.value}
                  onChange={(value) => value && field.onChange(value)}
                  allowDeselect={false}
                  error={message(errors.type?.message)}
                />
              )}
            />
          </SimpleGrid>
        )}
        <TextInput
          label={t('customFields.fields.label')}
          withAsterisk
          data-autofocus
          {...register('label')}
          error={message(errors.label?.message)}
        />
        {editing ? null : (
          <TextInput
            label={t('customFields.fields.key')}
            description={t('customFields.keyHint')}
            withAsterisk
            {...register('key')}
            error={message(errors.key?.message)}
          />
        )}
        <Textarea
          label={t('customFields.fields.description')}
          autosize
          minRows={2}
          {...register('description')}
          error={message(errors.description?.message)}
        />
        {hasOptions(type) ? (
          <Controller
            control={control}
            name="options"
            render={({ field }) => (
              <OptionsEditor
                value={field.value}
                onChange={field.onChange}
                draft={watch('newOption')}
                onDraftChange={(draft) => setValue('newOption', draft)}
                error={message(errors.options?.message)}
              />
            )}
          />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            {t('common.cancel')}
          </Button>
          <BusyButton type="submit" loading={isSubmitting}>
            {editing ? t('common.save') : t('customFields.create')}
          </BusyButton>
        </Group>
      </Stack>
    </form>
  );
}
