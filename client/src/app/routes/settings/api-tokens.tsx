import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/app/use-document-title';
import { ApiTokensList } from '@/features/api-tokens/components/api-tokens-list';

export function Component() {
  const { t } = useTranslation();
  useDocumentTitle(t('apiTokens.title'));
  return <ApiTokensList />;
}

export { RouteErrorBoundary as ErrorBoundary } from '@/components/ui/error-view';
