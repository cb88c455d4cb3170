import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '@/config/paths';

export function NotFound() {
  const { t } = useTranslation();
  const title = `${t('notFound.title')} · ${t('app.name')}`;
  // The tab said the page before it ("Import · CRM").
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <Center mih="60vh" p="md">
      <Stack align="center">
        <Title order={1}>{t('notFound.title')}</Title>
        <Text c="dimmed">{t('notFound.text')}</Text>
        <Button component={Link} to={paths.home.getHref()}>
          {t('notFound.home')}
        </Button>
      </Stack>
    </Center>
  );
}
