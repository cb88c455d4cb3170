import { Select } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { languages } from '@/lib/i18n';

export function LanguageSelect({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  return (
    <Select
      size={size}
      // Narrower on a phone, where the header also holds the search button; "Português", the longest name, still fits.
      w={{ base: 120, sm: 140 }}
      aria-label={t('shell.language')}
      leftSection={<IconLanguage size={16} aria-hidden />}
      data={languages.map((l) => ({ value: l.code, label: l.label }))}
      value={i18n.resolvedLanguage ?? 'en'}
      onChange={(value) => value && void i18n.changeLanguage(value)}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
      data-testid="language-select"
    />
  );
}
