import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Checkbox, Fieldset, Group, Input, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useId, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { isApiError } from '@/api/problem';
import type { CreatedWebhook } from '@/api/types';
import { BusyButton } from '@/components/ui/busy-button';
import { FormFailure } from '@/components/ui/form-failure';
import { submitFailure } from '@/lib/form-errors';
import { allEvents, useCreateWebhook, webhookEventGroups } from '../api/webhooks';

const schema = z.object({
  // Whether an address may be a target (https, public) is the API's to say: it knows its settings and resolves the host.
  url: z.string().check(z.trim(), z.minLength(1, 'validation.required'), z.maxLength(2000, 'validation.tooLong')),
  description: z.string().check(z.maxLength(500, 'validation.tooLong')),
  events: z.array(z.string()).check(z.minLength(1, 'validation.events')),
  secret: z.string().check(z.refine((value) => value === '' || value.length >= 24, 'validation.webhookSecret')),
});

type Values = z.infer<typeof schema>;
const serverFields = ['url', 'description', 'events', 'secret'] as const;

/** A new subscription: where to POST, which events, and optionally the secret that signs them. */
export function CreateWebhookForm({ onCreated, onCancel }: { onCreated: (created: CreatedWebhook) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateWebhook();
  // One key per attempt: a double submit or a network retry replays instead of subscribing twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [failure, setFailure] = useState<string[]>([]);
  const eventsErrorId = useId();
  const { register, control, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { url: '', description: '', events: [], secret: '' },
  });
  const { errors, isSubmitting } = formState;
  const message = (text?: string) => (text ? (text.startsWith('validation.') ? t(text) : text) : undefined);

  const submit = handleSubmit(async (values) => {
    setFailure([]);
    try {
      const created = await create.mutateAsync({
        idempotencyKey,
        input: {
          url: values.url.trim(),
          events: values.events,
          description: values.description.trim() || null,
          ...(values.secret ? { secret: values.secret } : {}),
        },
      });
      onCreated(created);
    } catch (error) {
      // A definite answer: the next attempt is another request, with another key.
      if (isApiError(error)) setIdempotencyKey(crypto.randomUUID());
      setFailure(submitFailure(error, setError, serverFields, { forbidden: t('webhooks.forbidden'), unexpected: t('errors.unexpected') }));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('webhooks.create')}>
      <Stack>
        <FormFailure messages={failure} />
        <TextInput
          label={t('webhooks.fields.url')}
          description={t('webhooks.urlHint')}
          placeholder="https://erp.example.com/crm/webhooks"
          type="url"
          withAsterisk
          data-autofocus
          {...register('url')}
          error={message(errors.url?.message)}
        />
        <TextInput
          label={t('webhooks.fields.description')}
          description={t('webhooks.descriptionHint')}
          {...register('description')}
          error={message(errors.description?.message)}
        />
        <Controller
          control={control}
          name="events"
          render={({ field }) => {
            const everything = field.value.includes(allEvents);
            const toggle = (event: string, on: boolean) =>
              field.onChange(on ? [...field.value, event] : field.value.filter((e) => e !== event));
            return (
              <Fieldset legend={t('webhooks.fields.events')} variant="unstyled" aria-describedby={errors.events ? eventsErrorId : undefined}>
                <Checkbox
                  // The first box takes the focus when no event is chosen, as a text field with an error does.
                  ref={field.ref}
                  mb="xs"
                  label={t('webhooks.events.all')}
                  description={t('webhooks.events.allHint')}
                  checked={everything}
                  onChange={(event) => field.onChange(event.currentTarget.checked ? [allEvents] : [])}
                  onBlur={field.onBlur}
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                  {webhookEventGroups.map((group) => (
                    <Fieldset key={group.resource} legend={t(`webhooks.resources.${group.resource}`)} p="xs" disabled={everything}>
                      <Stack gap={6}>
                        {group.events.map((event) => (
                          <Checkbox
                            key={event}
                            label={t(`webhooks.actions.${event.split('.')[1]}`)}
                            checked={everything || field.value.includes(event)}
                            onChange={(e) => toggle(event, e.currentTarget.checked)}
                            onBlur={field.onBlur}
                          />
                        ))}
                      </Stack>
                    </Fieldset>
                  ))}
                </SimpleGrid>
                {errors.events ? (
                  <Input.Error mt="xs" id={eventsErrorId}>
                    {message(errors.events.message)}
                  </Input.Error>
                ) : null}
              </Fieldset>
            );
          }}
        />
        <TextInput
          label={t('webhooks.fields.secret')}
          description={t('webhooks.secretHint')}
          autoComplete="off"
          spellCheck={false}
          {...register('secret')}
          error={message(errors.secret?.message)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <BusyButton type="submit" loading={isSubmitting}>
            {t('webhooks.create')}
          </BusyButton>
        </Group>
      </Stack>
    </form>
  );
}
