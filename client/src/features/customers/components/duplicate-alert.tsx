import { Alert, Anchor } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiError } from '@/api/problem';
import { pageForApiUrl, paths } from '@/config/paths';

/** A 409 from the API names the record that already holds this email or external id. */
export function DuplicateAlert({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const { existingId, existingUrl } = error.problem as { existingId?: string | null; existingUrl?: string | null };
  const href = existingId ? paths.customer.getHref(existingId) : pageForApiUrl(existingUrl);
  return (
    <Alert color="orange" icon={<IconCopy />} title={t('customers.duplicate.title')} role="alert">
      {error.problem.detail ?? t('customers.duplicate.text')}{' '}
      {href ? (
        <Anchor component={Link} to={href} data-testid="duplicate-link">
          {t('customers.duplicate.open')}
        </Anchor>
      ) : null}
    </Alert>
  );
}
