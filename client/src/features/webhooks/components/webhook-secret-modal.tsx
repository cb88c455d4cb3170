import { useTranslation } from 'react-i18next';
import type { CreatedWebhook } from '@/api/types';
import { SecretModal } from '@/components/ui/secret-modal';

/** The one time a new subscription's signing secret is on screen; the list never shows it. */
export function WebhookSecretModal({ created, onClose }: { created: CreatedWebhook | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <SecretModal
      secret={created?.secret ?? null}
      testId="webhook-secret"
      onClose={onClose}
      labels={{
        title: t('webhooks.secret.title'),
        warningTitle: t('webhooks.secret.warningTitle'),
        warning: t('webhooks.secret.warning'),
        owner: t('webhooks.secret.for', { url: created?.webhook.url ?? '' }),
        usage: t('webhooks.secret.usage'),
        copy: t('webhooks.secret.copy'),
        copied: t('webhooks.secret.copied'),
        done: t('webhooks.secret.done'),
      }}
    />
  );
}
