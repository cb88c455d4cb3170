import { Anchor, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArchive, IconArrowBackUp, IconPencil, IconTimeline, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Customer } from '@/api/types';
import { ErrorAlert } from '@/components/ui/error-view';
import { PageHeader } from '@/components/ui/page-header';
import { PageLoader } from '@/components/ui/page-loader';
import { paths } from '@/config/paths';
import { useFormat } from '@/lib/format';
import { useCustomer } from '../api/get-customer';
import { useCustomerContacts } from '../api/get-customer-contacts';
import { ContactForm } from './contact-form';
import { useArchiveWithUndo } from './use-archive-with-undo';
import { useOwners } from './use-owners';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} component="dt">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children || '—'}
      </Text>
    </div>
  );
}

function CustomerFields({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const format = useFormat();
  const owners = useOwners();
  const address = customer.address;
  const addressText = address
    ? [address.line1, address.line2, [address.postalCode, address.city].filter(Boolean).join(' '), address.region, format.country(address.country)]
        .filter(Boolean)
        .join(', ')
    : '';
  return (
    <Card withBorder>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="dl" m={0}>
        <Field label={t('customers.fields.kind')}>{t(`customers.kinds.${customer.kind}`)}</Field>
        <Field label={t('customers.fields.type')}>{t(`customers.types.${customer.type}`)}</Field>
        <Field label={t('customers.fields.lifecycleStage')}>
          {customer.lifecycleStage ? t(`customers.stages.${customer.lifecycleStage}`) : ''}
        </Field>
        <Field label={t('customers.fields.email')}>
          {customer.email ? <Anchor href={`mailto:${customer.email}`}>{customer.email}</Anchor> : ''}
        </Field>
        <Field label={t('customers.fields.phone')}>
          {customer.phone ? <Anchor href={`tel:${customer.phone}`}>{customer.phone}</Anchor> : ''}
        </Field>
        <Field label={t('customers.fields.website')}>
          {customer.website ? (
            <Anchor href={/^https?:\/\//.test(customer.website) ? customer.website : `https://${customer.website}`} target="_blank" rel="noreferrer">
              {customer.website}
            </Anchor>
          ) : (
            ''
          )}
        </Field>
        <Field label={t('customers.fields.owner')}>{owners.nameOf(customer.ownerId)}</Field>
        <Field label={t('customers.fields.externalId')}>{customer.externalId ?? ''}</Field>
        <Field label={t('customers.fields.tags')}>
          {customer.tags?.length ? (
            <Group gap={4} component="span">
              {customer.tags.map((tag) => (
                <Badge key={tag} size="sm" variant="outline">
                  {tag}
                </Badge>
              ))}
            </Group>
          ) : (
            ''
          )}
        </Field>
        <Field label={t('customers.fields.address')}>{addressText}</Field>
        <Field label={t('customers.fields.createdAt')}>{format.dateTime(customer.createdAt)}</Field>
        <Field label={t('customers.fields.updatedAt')}>{format.dateTime(customer.updatedAt)}</Field>
      </SimpleGrid>
    </Card>
  );
}

function CustomerContacts({ customerId, readOnly }: { customerId: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const contacts = useCustomerContacts(customerId);
  const [adding, setAdding] = useState(false);
  const items = contacts.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('contacts.title')}
        </Title>
        {readOnly ? null : (
          <Button size="xs" variant="light" leftSection={<IconUserPlus size={14} />} onClick={() => setAdding(true)}>
            {t('contacts.add')}
          </Button>
        )}
      </Group>
      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title={t('contacts.add')}
        size="lg"
      >
        {adding ? <ContactForm customerId={customerId} onDone={() => setAdding(false)} /> : null}
      </Modal>
      {contacts.isError ? <ErrorAlert error={contacts.error} /> : null}
      {contacts.isPending ? (
        <Text c="dimmed">{t('common.loading')}</Text>
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('contacts.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table aria-label={t('contacts.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('contacts.fields.name')}</Table.Th>
                <Table.Th>{t('contacts.fields.jobTitle')}</Table.Th>
                <Table.Th>{t('contacts.fields.email')}</Table.Th>
                <Table.Th>{t('contacts.fields.phone')}</Table.Th>
                <Table.Th>{t('contacts.fields.emailConsent')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((contact) => (
                <Table.Tr key={contact.id}>
                  <Table.Td>{[contact.firstName, contact.lastName].filter(Boolean).join(' ')}</Table.Td>
                  <Table.Td>{contact.jobTitle ?? ''}</Table.Td>
                  <Table.Td>{contact.email ? <Anchor href={`mailto:${contact.email}`}>{contact.email}</Anchor> : ''}</Table.Td>
                  <Table.Td>{contact.phone ?? ''}</Table.Td>
                  <Table.Td>{contact.emailConsent ? t('common.yes') : t('common.no')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {contacts.hasNextPage ? (
        <Button variant="subtle" mt="sm" onClick={() => void contacts.fetchNextPage()} loading={contacts.isFetchingNextPage}>
          {t('customers.list.loadMore')}
        </Button>
      ) : null}
    </Card>
  );
}

export function CustomerDetails({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useCustomer(id);
  const archive = useArchiveWithUndo();

  if (query.isPending) return <PageLoader />;
  if (query.isError) throw query.error;

  const customer = query.data.customer;
  const archived = customer.archivedAt != null;

  return (
    <Stack gap="md">
      <PageHeader
        title={
          <Group gap="sm" component="span">
            <span data-testid="customer-name">{customer.name}</span>
            {archived ? (
              <Badge color="gray" data-testid="archived-badge">
                {t('customers.archive.badge')}
              </Badge>
            ) : null}
          </Group>
        }
        actions={
          <>
            <Button component={Link} to={paths.editCustomer.getHref(id)} leftSection={<IconPencil size={16} />} disabled={archived}>
              {t('common.edit')}
            </Button>
            {archived ? (
              <Button
                variant="light"
                leftSection={<IconArrowBackUp size={16} />}
                loading={archive.isPending}
                onClick={() => void archive.run(id, customer.name ?? '', false)}
              >
                {t('customers.archive.restore')}
              </Button>
            ) : (
              <Button
                variant="light"
                color="red"
                leftSection={<IconArchive size={16} />}
                loading={archive.isPending}
                onClick={() => void archive.run(id, customer.name ?? '', true)}
              >
                {t('customers.archive.archive')}
              </Button>
            )}
          </>
        }
      />
      {archived ? (
        <Text c="dimmed" size="sm">
          {t('customers.archive.archivedOn', { date: format.dateTime(customer.archivedAt) })}
        </Text>
      ) : null}
      <CustomerFields customer={customer} />
      <CustomerContacts customerId={id} readOnly={archived} />
      <Card withBorder>
        <Group gap="sm" mb="xs">
          <IconTimeline size={20} aria-hidden />
          <Title order={2} size="h4">
            {t('customers.timeline.title')}
          </Title>
        </Group>
        <Text c="dimmed">{t('customers.timeline.placeholder')}</Text>
      </Card>
    </Stack>
  );
}
