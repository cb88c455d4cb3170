import { useTranslation } from 'react-i18next';
import type { CreatedApiToken } from '@/api/types';
import { SecretModal } from '@/components/ui/secret-modal';

/** The one time a new token's secret is on screen. */
export function TokenSecretModal({ created, onClose }: { created: CreatedApiToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <SecretModal
      secret={created?.secret ?? null}
      testId="token-secret"
      onClose={onClose}
      labels={{
        title: t('apiTokens.secret.title'),
        warningTitle: t('apiTokens.secret.warningTitle'),
        warning: t('apiTokens.secret.warning'),
        owner: t('apiTokens.secret.for', { name: created?.token.name ?? '' }),
        usage: t('apiTokens.secret.usage'),
        copy: t('apiTokens.secret.copy'),
        copied: t('apiTokens.secret.copied'),
        done: t('apiTokens.secret.done'),
      }}
    />
  );
}
