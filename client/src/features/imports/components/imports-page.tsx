import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { ImportWizard } from './import-wizard';
import { RecentImports } from './recent-imports';

export function ImportsPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={t('imports.title')} />
      <Text c="dimmed">{t('imports.intro')}</Text>
      <ImportWizard />
      <RecentImports />
    </Stack>
  );
}
