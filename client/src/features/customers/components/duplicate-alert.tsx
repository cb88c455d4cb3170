import { Alert, Anchor } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiError } from '@/api/problem';
import { pageForApiUrl, paths } from '@/config/paths';

type Duplicate = { field?: string | null; existingId?: string | null; existingUrl?: string | null };

/** The field whose value another record already holds ("email", "externalId"), as a 409 names it. */
export const duplicateField = (error: ApiError) => (error.problem as Duplicate).field ?? undefined;

/** What the API says is taken, and a link to the record that holds it. */
export function DuplicateText({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const { existingId, existingUrl } = error.problem as Duplicate;
  const href = existingId ? paths.customer.getHref(existingId) : pageForApiUrl(existingUrl);
  return (
    <>
      {error.problem.detail ?? t('customers.duplicate.text')}{' '}
      {href ? (
        <Anchor component={Link} to={href} data-testid="duplicate-link" fz="inherit">
          {t('customers.duplicate.open')}
        </Anchor>
      ) : null}
    </>
  );
}

/** A 409 from the API names the record that already holds this email or external id. */
export function DuplicateAlert({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" icon={<IconCopy />} title={t('customers.duplicate.title')} role="alert">
      <DuplicateText error={error} />
    </Alert>
  );
}
