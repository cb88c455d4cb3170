import { Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Webhook, WebhookDelivery, WebhookDeliveryStatus } from '@/api/types';
import { BusyButton } from '@/components/ui/busy-button';
import { ListTable, ListView } from '@/components/ui/list-view';
import { errorMessage } from '@/lib/error-message';
import { useFormat } from '@/lib/format';
import { useReplayDelivery, useWebhookDeliveries } from '../api/webhooks';

const statuses: WebhookDeliveryStatus[] = ['pending', 'succeeded', 'failed'];
const statusColor: Record<WebhookDeliveryStatus, string> = { pending: 'yellow', succeeded: 'green', failed: 'red' };

type Attempt = WebhookDelivery['attempts'][number];

/**
 * An attempt's outcome in the reader's language: the answer's status, or why none came. The error as it came (the
 * system's own English, say "Connection refused (example.com:443)") stays as the line's title; for a kind without a
 * name of its own it is shown too. Attempts logged before kinds were kept show their error as it came.
 */
function useOutcome() {
  const { t } = useTranslation();
  return (attempt: Attempt): { text: string; detail?: string } => {
    if (attempt.failure === 'status' || (!attempt.failure && attempt.statusCode != null))
      return { text: t('webhooks.deliveries.answered', { status: attempt.statusCode }) };
    if (!attempt.failure) return { text: attempt.error ?? '—' };
    const text = t(`webhooks.deliveries.failure.${attempt.failure}`);
    return { text: attempt.failure === 'other' && attempt.error ? `${text}: ${attempt.error}` : text, detail: attempt.error ?? undefined };
  };
}

/**
 * What each attempt got: the answer's status, or why none came, and how long it took. A delivery retried for a day
 * has a dozen; the latest two show, the rest on request.
 */
function Attempts({ delivery }: { delivery: WebhookDelivery }) {
  const { t } = useTranslation();
  const format = useFormat();
  const outcome = useOutcome();
  const [all, setAll] = useState(false);
  if (delivery.attempts.length === 0) return <Text size="sm">{t('webhooks.deliveries.notYet')}</Text>;
  const shown = all ? delivery.attempts : delivery.attempts.slice(-2);
  const hidden = delivery.attempts.length - shown.length;
  return (
    <Stack gap={2} align="flex-start">
      <ol start={shown[0].number} style={{ margin: 0, paddingLeft: 'var(--mantine-spacing-md)' }}>
        {shown.map((attempt) => {
          const { text, detail } = outcome(attempt);
          return (
            <Text key={attempt.number} size="sm" component="li" title={detail}>
              {format.dateTime(attempt.attemptedAt)} · {text} · {t('webhooks.deliveries.duration', { ms: format.number(attempt.durationMs) })}
            </Text>
          );
        })}
      </ol>
      {hidden > 0 ? (
        <Button size="compact-xs" variant="subtle" onClick={() => setAll(true)}>
          {t('webhooks.deliveries.earlier', { count: hidden })}
        </Button>
      ) : null}
    </Stack>
  );
}

function ReplayButton({ webhook, delivery }: { webhook: Webhook; delivery: WebhookDelivery }) {
  const { t } = useTranslation();
  const replay = useReplayDelivery();
  const send = async () => {
    try {
      await replay.mutateAsync({ id: webhook.id, deliveryId: delivery.id });
      notifications.show({ color: 'green', message: t('webhooks.deliveries.replayed', { event: delivery.eventType }) });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    }
  };
  return (
    <BusyButton
      size="compact-sm"
      variant="subtle"
      loading={replay.isPending}
      aria-label={t('webhooks.deliveries.replayNamed', { event: delivery.eventType })}
      onClick={() => void send()}
    >
      {t('webhooks.deliveries.replay')}
    </BusyButton>
  );
}

/** A subscription's delivery log, newest first: each event, its attempts, and a way to send it again. */
export function WebhookDeliveries({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState<WebhookDeliveryStatus | null>(null);
  const deliveries = useWebhookDeliveries(webhook.id, status);
  const items = deliveries.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
        {webhook.url}
      </Text>
      <Select
        label={t('webhooks.deliveries.statusFilter')}
        placeholder={t('webhooks.deliveries.allStatuses')}
        data={statuses.map((value) => ({ value, label: t(`webhooks.deliveries.status.${value}`) }))}
        value={status}
        onChange={(value) => setStatus(value as WebhookDeliveryStatus | null)}
        clearable
        w={240}
      />
      <ListView query={deliveries} count={deliveries.isError ? 0 : items.length} empty={t('webhooks.deliveries.empty')}>
        <ListTable
          minWidth={720}
          label={t('webhooks.deliveries.title')}
          verticalSpacing="xs"
          columns={[
            t('webhooks.deliveries.event'),
            t('webhooks.deliveries.queued'),
            t('webhooks.deliveries.statusLabel'),
            t('webhooks.deliveries.attempts'),
          ]}
          actions
        >
          {items.map((delivery) => (
            <Table.Tr key={delivery.id}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {delivery.eventType}
                </Text>
              </Table.Td>
              <Table.Td>{format.dateTime(delivery.createdAt)}</Table.Td>
              <Table.Td>
                <Badge color={statusColor[delivery.status]} variant="light">
                  {t(`webhooks.deliveries.status.${delivery.status}`)}
                </Badge>
                {delivery.status === 'pending' && delivery.nextAttemptAt ? (
                  <Text size="xs" c="dimmed">
                    {t('webhooks.deliveries.next', { when: format.dateTime(delivery.nextAttemptAt) })}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Attempts delivery={delivery} />
              </Table.Td>
              <Table.Td>
                {delivery.status === 'pending' ? null : <ReplayButton webhook={webhook} delivery={delivery} />}
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </ListView>
      {deliveries.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" loading={deliveries.isFetchingNextPage} onClick={() => void deliveries.fetchNextPage()}>
            {t('webhooks.deliveries.more')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
