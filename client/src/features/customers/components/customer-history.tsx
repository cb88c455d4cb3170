import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, CustomField } from '@/api/types';
import { ListView } from '@/components/ui/list-view';
import { canReadAudit, useMe } from '@/lib/auth';
import { changesOf, customerFieldLabelKeys, customFieldChanges } from '@/lib/audit';
import { useCustomFieldFormat, useCustomFields } from '@/lib/custom-fields';
import { useFormat } from '@/lib/format';
import { useCustomerHistory } from '../api/get-customer-history';
import { useOwners } from '@/lib/owners';

const plain = (value: unknown) =>
  value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);

type Line = { key: string; label: string; before: string; after: string };

function useChangeLines() {
  const { t } = useTranslation();
  const format = useFormat();
  const owners = useOwners();
  const definitions: CustomField[] = useCustomFields('customers').data ?? [];
  const formatCustom = useCustomFieldFormat();

  const value = (field: string, raw: unknown): string => {
    if (raw === null || raw === undefined || raw === '') return '';
    switch (field) {
      case 'kind':
        return t(`customers.kinds.${String(raw)}`);
      case 'type':
        return t(`customers.types.${String(raw)}`);
      case 'lifecycleStage':
        return t(`customers.stages.${String(raw)}`);
      case 'ownerId':
        return owners.nameOf(String(raw));
      case 'addressCountry':
        return format.country(String(raw));
      case 'tags':
        return Array.isArray(raw) ? raw.map(String).join(', ') : String(raw);
      default:
        return plain(raw);
    }
  };

  return (entry: AuditEntry): Line[] => {
    const changes = changesOf(entry);
    const lines: Line[] = [];
    for (const [field, change] of Object.entries(changes)) {
      if (field === 'customFields') {
        const { before, after, keys } = customFieldChanges(change);
        for (const key of keys) {
          const definition = definitions.find((d) => d.key === key);
          const show = (v: unknown) => (definition ? formatCustom(definition, v) : plain(v));
          lines.push({
            key: `customFields.${key}`,
            label: definition?.label ?? key,
            before: show(before[key]),
            after: show(after[key]),
          });
        }
        continue;
      }
      const labelKey = customerFieldLabelKeys[field];
      if (!labelKey) continue; // ids, times and fields no page shows
      lines.push({
        key: field,
        label: t(`customers.fields.${labelKey}`),
        before: value(field, change.before),
        after: value(field, change.after),
      });
    }
    // In the order the page shows the fields, custom fields last.
    const order = Object.keys(customerFieldLabelKeys);
    const rank = (line: Line) => (line.key.startsWith('customFields.') ? order.length : order.indexOf(line.key));
    return lines.sort((a, b) => rank(a) - rank(b));
  };
}

const actions = ['created', 'updated', 'archived', 'restored', 'deleted'] as const;

function Entry({ entry, lines }: { entry: AuditEntry; lines: Line[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const action = (actions as readonly string[]).includes(entry.action) ? entry.action : 'updated';
  const headline = entry.actorName
    ? t(`customers.history.by.${action}`, { actor: entry.actorName })
    : t(`audit.actions.${action}`);
  return (
    <div data-testid="history-entry">
      <Group gap="xs" wrap="wrap">
        <Text fw={600} size="sm">
          {headline}
        </Text>
        <Text c="dimmed" size="sm" component="time" dateTime={entry.occurredAt}>
          {format.dateTime(entry.occurredAt)}
        </Text>
      </Group>
      {entry.action === 'updated' && lines.length ? (
        <Stack gap={2} component="ul" m={0} pl="md">
          {lines.map((line) => (
            <Text key={line.key} size="sm" component="li">
              <Text span fw={500}>
                {line.label}
              </Text>
              {': '}
              <Text span td="line-through" c="dimmed">
                {line.before || '—'}
              </Text>
              {' → '}
              <Text span>{line.after || '—'}</Text>
            </Text>
          ))}
        </Stack>
      ) : null}
    </div>
  );
}

/** Who changed this customer, when, and each field before and after: the audit log, for Admins and Managers. */
export function CustomerHistory({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const allowed = canReadAudit(me);
  const history = useCustomerHistory(customerId, allowed);
  const linesOf = useChangeLines();
  if (!allowed) return null;
  const entries = history.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Card withBorder component="section" aria-labelledby="customer-history-title">
      <Group gap="sm" mb="xs">
        <IconHistory size={20} aria-hidden />
        <Title order={2} size="h4" id="customer-history-title">
          {t('customers.history.title')}
        </Title>
      </Group>
      <ListView query={history} count={entries.length} empty={t('customers.history.empty')}>
        <Stack gap="sm">
          {entries.map((entry) => (
            <Entry key={entry.id} entry={entry} lines={linesOf(entry)} />
          ))}
        </Stack>
      </ListView>
      {history.hasNextPage ? (
        <Button variant="subtle" size="xs" mt="sm" loading={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
          {t('customers.history.more')}
        </Button>
      ) : null}
    </Card>
  );
}
