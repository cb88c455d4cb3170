import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArchive, IconArrowBackUp, IconPencil, IconTimeline } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '@/api/problem';
import type { Customer } from '@/api/types';
import { BusyButton } from '@/components/ui/busy-button';
import { ErrorView } from '@/components/ui/error-view';
import { NotFound } from '@/components/ui/not-found';
import { PageHeader } from '@/components/ui/page-header';
import { PageLoader } from '@/components/ui/page-loader';
import { paths } from '@/config/paths';
import { useCustomFieldFormat, useCustomFields } from '@/lib/custom-fields';
import { useFormat } from '@/lib/format';
import { usePhoneFormat } from '@/lib/phone';
import { useCustomer } from '../api/get-customer';
import { useSetCustomerArchived } from '../api/archive-customer';
import { CustomerContacts } from './customer-contacts';
import { CustomerHistory } from './customer-history';
import { useArchiveWithUndo } from './use-archive-with-undo';
import { useOwners } from '@/lib/owners';

/** `asEntered`: the label is user data (a custom field's), shown as typed rather than in capitals: CSS upper-cases
 * by the page's language, which keeps Greek accents in an English page and so misspells the word. */
function Field({ label, asEntered = false, children }: { label: string; asEntered?: boolean; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt={asEntered ? undefined : 'uppercase'} fw={600} component="dt">
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
  const phone = usePhoneFormat();
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
          {customer.phone ? <Anchor href={`tel:${customer.phone}`}>{phone(customer.phone)}</Anchor> : ''}
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
                <Badge key={tag} size="sm" variant="outline" tt="none">
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

/** The values of the custom fields Admins defined for customers, in their order. */
function CustomerCustomFields({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const definitions = useCustomFields('customers').data ?? [];
  const formatValue = useCustomFieldFormat();
  if (!definitions.length) return null;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('customers.customFields')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="dl" m={0}>
        {definitions.map((field) => (
          <Field key={field.id} label={field.label} asEntered>
            {formatValue(field, customer.customFields?.[field.key])}
          </Field>
        ))}
      </SimpleGrid>
    </Card>
  );
}

export function CustomerDetails({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useCustomer(id);
  const archive = useArchiveWithUndo(useSetCustomerArchived(), 'customers');

  if (query.isPending) return <PageLoader />;
  // Shown here rather than thrown to the route's boundary: an unknown id is an expected answer, and a thrown error is
  // logged to the console (by React Router and React) as if the page had crashed.
  if (query.isError)
    return isApiError(query.error, 404) ? <NotFound /> : <ErrorView error={query.error} onRetry={() => void query.refetch()} />;

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
              <BusyButton
                variant="light"
                leftSection={<IconArrowBackUp size={16} />}
                loading={archive.isPending}
                onClick={() => void archive.run(id, customer.name ?? '', false)}
              >
                {t('archive.restore')}
              </BusyButton>
            ) : (
              <BusyButton
                variant="light"
                color="red"
                leftSection={<IconArchive size={16} />}
                loading={archive.isPending}
                onClick={() => void archive.run(id, customer.name ?? '', true)}
              >
                {t('archive.archive')}
              </BusyButton>
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
      <CustomerCustomFields customer={customer} />
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
      <CustomerHistory customerId={id} />
    </Stack>
  );
}
