import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Checkbox, Fieldset, Group, Input, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useId, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { isApiError } from '@/api/problem';
import type { CreatedApiToken } from '@/api/types';
import { BusyButton } from '@/components/ui/busy-button';
import { DateInput } from '@/components/ui/date-input';
import { FormFailure } from '@/components/ui/form-failure';
import { submitFailure } from '@/lib/form-errors';
import { useCreateApiToken } from '../api/create-api-token';
import { expiresAtFor, expiryPresets, scopeGroups } from '../api/token-scopes';

/** The local calendar day as yyyy-mm-dd, the format of <input type="date">. */
const localDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

const schema = z
  .object({
    name: z.string().check(z.trim(), z.minLength(1, 'validation.required'), z.maxLength(100, 'validation.tooLong')),
    scopes: z.array(z.string()).check(z.minLength(1, 'validation.scopes')),
    // The expiry the user picked; named like the API field so its errors land here.
    expiresAt: z.enum(expiryPresets),
    expiresOn: z.string(),
  })
  .check(
    z.refine((values) => values.expiresAt !== 'date' || values.expiresOn > localDay(new Date()), {
      path: ['expiresOn'],
      message: 'validation.futureDate',
    }),
  );

type Values = z.infer<typeof schema>;
const serverFields = ['name', 'scopes', 'expiresAt'] as const;

export function CreateApiTokenForm({ onCreated, onCancel }: { onCreated: (created: CreatedApiToken) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateApiToken();
  // One key per attempt: a double submit or a network retry replays instead of minting twice;
  // after a definite answer (400, 403…) the next attempt, with another body, gets a new key.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [failure, setFailure] = useState<string[]>([]);
  const scopesErrorId = useId();
  const { register, control, handleSubmit, setError, watch, formState } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { name: '', scopes: [], expiresAt: '90', expiresOn: '' },
  });
  const { errors, isSubmitting } = formState;
  const message = (text?: string) => (text ? (text.startsWith('validation.') ? t(text) : text) : undefined);
  const preset = watch('expiresAt');

  const submit = handleSubmit(async (values) => {
    setFailure([]);
    try {
      const created = await create.mutateAsync({
        idempotencyKey,
        input: { name: values.name.trim(), scopes: values.scopes, expiresAt: expiresAtFor(values.expiresAt, values.expiresOn) },
      });
      onCreated(created);
    } catch (error) {
      // A definite answer: the next attempt is another request, with another key.
      if (isApiError(error)) setIdempotencyKey(crypto.randomUUID());
      setFailure(submitFailure(error, setError, serverFields, { forbidden: t('apiTokens.forbidden'), unexpected: t('errors.unexpected') }));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('apiTokens.create')}>
      <Stack>
        <FormFailure messages={failure} />
        <TextInput
          label={t('apiTokens.fields.name')}
          description={t('apiTokens.nameHint')}
          withAsterisk
          data-autofocus
          {...register('name')}
          error={message(errors.name?.message)}
        />
        <Controller
          control={control}
          name="scopes"
          render={({ field }) => (
            <Fieldset legend={t('apiTokens.fields.scopes')} variant="unstyled" aria-describedby={errors.scopes ? scopesErrorId : undefined}>
              <Text size="xs" c="dimmed" mb="xs">
                {t('apiTokens.scopesHint')}
              </Text>
              <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
                {scopeGroups.map((group, groupIndex) => (
                  <Fieldset key={group.resource} legend={t(`apiTokens.resources.${group.resource}`)} p="xs">
                    <Stack gap={6}>
                      {group.scopes.map((scope, index) => (
                        <Checkbox
                          key={scope}
                          // The first box takes the focus when no scope is chosen, as a text field with an error does.
                          ref={groupIndex === 0 && index === 0 ? field.ref : undefined}
                          label={t(`apiTokens.access.${scope.split(':')[1]}`)}
                          checked={field.value.includes(scope)}
                          onChange={(event) =>
                            field.onChange(
                              event.currentTarget.checked ? [...field.value, scope] : field.value.filter((s) => s !== scope),
                            )
                          }
                          onBlur={field.onBlur}
                        />
                      ))}
                    </Stack>
                  </Fieldset>
                ))}
              </SimpleGrid>
              {errors.scopes ? (
                <Input.Error mt="xs" id={scopesErrorId}>
                  {message(errors.scopes.message)}
                </Input.Error>
              ) : null}
            </Fieldset>
          )}
        />
        <Controller
          control={control}
          name="expiresAt"
          render={({ field }) => (
            <Radio.Group
              label={t('apiTokens.fields.expiresAt')}
              value={field.value}
              onChange={field.onChange}
              error={message(errors.expiresAt?.message)}
            >
              <Group gap="md" mt={6}>
                {expiryPresets.map((value) => (
                  <Radio key={value} value={value} label={t(`apiTokens.expiry.${value}`)} />
                ))}
              </Group>
            </Radio.Group>
          )}
        />
        {preset === 'date' ? (
          <DateInput
            label={t('apiTokens.fields.expiresOn')}
            withAsterisk
            min={localDay(new Date(Date.now() + 24 * 60 * 60 * 1000))}
            {...register('expiresOn')}
            error={message(errors.expiresOn?.message)}
          />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <BusyButton type="submit" loading={isSubmitting}>
            {t('apiTokens.create')}
          </BusyButton>
        </Group>
      </Stack>
    </form>
  );
}
