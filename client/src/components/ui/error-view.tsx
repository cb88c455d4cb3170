import { Alert, Button, Center, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { isApiError } from '@/api/problem';
import { NotFound } from './not-found';

export function ErrorView({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const title = isApiError(error) ? error.problem.title || t('errors.unexpected') : t('errors.unexpected');
  const detail = isApiError(error) ? error.problem.detail : null;
  return (
    <Center mih="50vh" p="md">
      <Stack align="center" maw={520} role="alert">
        <IconAlertTriangle size={48} aria-hidden />
        <Title order={2}>{title}</Title>
        {detail ? <Text c="dimmed">{detail}</Text> : <Text c="dimmed">{t('errors.tryAgain')}</Text>}
        <Button onClick={onRetry ?? (() => window.location.reload())}>{t('errors.reload')}</Button>
      </Stack>
    </Center>
  );
}

/** Inline message for a failed query inside a page. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const title = isApiError(error) ? error.problem.title || t('errors.unexpected') : t('errors.unexpected');
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title={title} role="alert">
      {isApiError(error) && error.problem.detail
        ? error.problem.detail
        : // fetch's own rejection: the server was not reached.
          error instanceof TypeError
          ? t('errors.network')
          : t('errors.tryAgain')}
    </Alert>
  );
}

export function RouteErrorBoundary() {
  const error = useRouteError();
  if ((isRouteErrorResponse(error) && error.status === 404) || isApiError(error, 404)) return <NotFound />;
  return <ErrorView error={error} />;
}

type BoundaryState = { error: unknown };

/** Last line of defence outside the router: never a blank page. */
export class AppErrorBoundary extends Component<{ children: ReactNode }, BoundaryState> {
  state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  render() {
    if (this.state.error) return <ErrorView error={this.state.error} />;
    return this.props.children;
  }
}
