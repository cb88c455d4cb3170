import { Anchor, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditEntry } from '@/api/types';
import { ErrorAlert } from '@/components/ui/error-view';
import { ListTable } from '@/components/ui/list-view';
import { PageHeader } from '@/components/ui/page-header';
import { paths } from '@/config/paths';
import { changesOf, customerFieldLabelKeys, customFieldChanges, exportFilterLabelKeys, exportOf } from '@/lib/audit';
import { useCustomFields } from '@/lib/custom-fields';
import { useFormat } from '@/lib/format';
import { useOwners } from '@/lib/owners';
import { auditEntityTypes, useAudit, type AuditEntityType } from '../api/get-audit';
import { useCustomerName } from '../api/get-customer-name';

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null);

/** What the entry's own changes say the record is called, if they carry a name (a create, a rename). */
function nameOf(entry: AuditEntry): string | null {
  const changes = changesOf(entry);
  const pick = (field: string) => text(changes[field]?.after) ?? text(changes[field]?.before);
  const person = [pick('firstName'), pick('lastName')].filter(Boolean).join(' ');
  return pick('name') ?? (person || null) ?? pick('label') ?? pick('url');
}

/**
 * The most recent name each record's loaded entries carry (entries come newest first), so that an archive or a phone
 * change still names the customer that a create or rename further down called by name.
 */
function knownNames(entries: AuditEntry[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of entries) {
    const name = nameOf(entry);
    if (name && !names.has(entry.entityId)) names.set(entry.entityId, name);
  }
  return names;
}

function Record({ entry, knownName }: { entry: AuditEntry; knownName: string | undefined }) {
  const { t } = useTranslation();
  const type = (auditEntityTypes as readonly string[]).includes(entry.entityType)
    ? t(`audit.types.${entry.entityType}`)
    : entry.entityType;
  const name = nameOf(entry) ?? knownName ?? null;
  const exported = exportOf(entry);
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {type}
      </Text>
      {exported ? (
        <>
          <Text size="sm">
            {t('audit.export.summary', {
              entity: t(`audit.export.entities.${exported.entity}`, { defaultValue: exported.entity }),
              format: exported.format.toUpperCase(),
            })}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`audit.export.channels.${exported.channel}`, { defaultValue: exported.channel })}
          </Text>
        </>
      ) : entry.entityType === 'customer' ? (
        name ? (
          <Anchor component={Link} to={paths.customer.getHref(entry.entityId)} size="sm">
            {name}
          </Anchor>
        ) : (
          <CustomerLink id={entry.entityId} />
        )
      ) : (
        <Text size="sm">{name ?? '—'}</Text>
      )}
    </Stack>
  );
}

/**
 * A customer whose loaded entries carry no name (an archive, a phone change, the rest further back): its name as it is
 * now, read once per customer; "Open" while it loads or when it is gone.
 */
function CustomerLink({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data: name } = useCustomerName(id);
  return (
    <Anchor component={Link} to={paths.customer.getHref(id)} size="sm">
      {name ?? t('audit.open')}
    </Anchor>
  );
}

/** The customer an export was filtered by: its name, linked, once read; its id if it has none to show (erased). */
function CustomerFilter({ id }: { id: string }) {
  const { data: name } = useCustomerName(id);
  return name ? (
    <Anchor component={Link} to={paths.customer.getHref(id)} size="sm">
      {name}
    </Anchor>
  ) : (
    <>{id}</>
  );
}

/** An export's filters, one line each (label: value), as it was asked for; owners and customers by name. */
function ExportFilters({ filters }: { filters: [string, unknown][] }) {
  const { t } = useTranslation();
  const owners = useOwners();
  if (filters.length === 0) return <>{t('audit.export.noFilters')}</>;
  const value = (field: string, raw: unknown): ReactNode => {
    switch (field) {
      case 'ownerId':
        return typeof raw === 'string' ? owners.nameOf(raw) : String(raw);
      case 'customerId':
        return typeof raw === 'string' ? <CustomerFilter id={raw} /> : String(raw);
      case 'kind':
        return t(`customers.kinds.${String(raw)}`);
      case 'type':
        return t(`customers.types.${String(raw)}`);
      case 'lifecycleStage':
        return t(`customers.stages.${String(raw)}`);
      case 'archived':
        return raw === true ? t('common.yes') : t('common.no');
      case 'of':
        return t(`audit.export.entities.${String(raw)}`, { defaultValue: String(raw) });
      default:
        return Array.isArray(raw) ? raw.map(String).join(', ') : String(raw);
    }
  };
  return (
    <Stack gap={2} component="ul" m={0} pl="md">
      {filters.map(([field, raw]) => (
        <Text key={field} size="sm" component="li">
          <Text span fw={500}>
            {exportFilterLabelKeys[field] ? t(exportFilterLabelKeys[field]) : field}
          </Text>
          {': '}
          {value(field, raw)}
        </Text>
      ))}
    </Stack>
  );
}

function ChangedFields({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const definitions = useCustomFields('customers').data ?? [];
  const exported = exportOf(entry);
  if (exported) return <ExportFilters filters={exported.filters} />;
  if (entry.action !== 'updated') return <>—</>;
  const fields = Object.entries(changesOf(entry)).flatMap(([field, change]) => {
    if (entry.entityType !== 'customer') return [field];
    if (field === 'customFields') {
      // Each changed custom field by its label (its key when the field is gone); the lot when none can be told apart.
      const { keys } = customFieldChanges(change);
      return keys.length ? keys.map((key) => definitions.find((d) => d.key === key)?.label ?? key) : [t('customers.customFields')];
    }
    const labelKey = customerFieldLabelKeys[field];
    return [labelKey ? t(`customers.fields.${labelKey}`) : field];
  });
  return <>{fields.join(', ') || '—'}</>;
}

/** The audit log: who changed which record, when, newest first, filtered by record type. */
export function AuditLog() {
  const { t } = useTranslation();
  const format = useFormat();
  const [entityType, setEntityType] = useState<AuditEntityType | null>(null);
  const audit = useAudit(entityType);
  const entries = audit.data?.pages.flatMap((page) => page.items) ?? [];
  const names = knownNames(entries);

  return (
    <Stack>
      <PageHeader title={t('audit.title')} />
      <Group>
        <Select
          label={t('audit.typeFilter')}
          placeholder={t('audit.allTypes')}
          data={auditEntityTypes.map((type) => ({ value: type, label: t(`audit.types.${type}`) }))}
          value={entityType}
          onChange={(value) => setEntityType(value as AuditEntityType | null)}
          clearable
          w={260}
        />
      </Group>
      {audit.isError ? <ErrorAlert error={audit.error} /> : null}
      <ListTable
        minWidth={720}
        label={t('audit.title')}
        columns={[t('audit.fields.when'), t('audit.fields.who'), t('audit.fields.action'), t('audit.fields.record'), t('audit.fields.changes')]}
        emptyRow={!audit.isPending && entries.length === 0 ? t('audit.empty') : null}
      >
        {entries.map((entry) => (
          <Table.Tr key={entry.id}>
            <Table.Td>
              <time dateTime={entry.occurredAt}>{format.dateTime(entry.occurredAt)}</time>
            </Table.Td>
            <Table.Td>{entry.actorName ?? t('audit.system')}</Table.Td>
            <Table.Td>{t(`audit.actions.${entry.action}`, { defaultValue: entry.action })}</Table.Td>
            <Table.Td>
              <Record entry={entry} knownName={names.get(entry.entityId)} />
            </Table.Td>
            <Table.Td>
              <ChangedFields entry={entry} />
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      {audit.isPending ? <Text c="dimmed">{t('common.loading')}</Text> : null}
      {audit.hasNextPage ? (
        <Group justify="center">
          <Button variant="subtle" loading={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
            {t('audit.more')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
