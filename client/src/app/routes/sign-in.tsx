import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LanguageSelect } from '@/components/layouts/language-select';
import { ThemeToggle } from '@/components/layouts/theme-toggle';
import { paths } from '@/config/paths';
import { SignInForm } from '@/features/auth/components/sign-in-form';
import { useAuth } from '@/lib/auth';

/** Only same-app paths: never send people to another origin after signing in. */
function safeRedirect(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : paths.customers.getHref();
}

export function Component() {
  const { t } = useTranslation();
  const { status, signIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const redirectTo = safeRedirect(params.get('redirectTo'));

  if (status === 'authenticated') return <Navigate to={redirectTo} replace />;

  return (
    <Center mih="100vh" p="md" component="main">
      <Stack w="100%" maw={400}>
        <Group justify="flex-end" gap="xs">
          <LanguageSelect />
          <ThemeToggle />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Stack gap={4} mb="lg">
            <Title order={1} size="h2">
              {t('signIn.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('signIn.subtitle')}
            </Text>
          </Stack>
          <SignInForm
            onSignIn={async (email, password) => {
              await signIn(email, password);
              navigate(redirectTo, { replace: true });
            }}
          />
        </Paper>
      </Stack>
    </Center>
  );
}
