import { ActionIcon, Button, Fieldset, Group, Input, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

type Props = {
  value: string[];
  onChange: (options: string[]) => void;
  /** The new option being typed; the form saves it too, added or not. */
  draft: string;
  onDraftChange: (draft: string) => void;
  error?: string;
};

/** The allowed values of a choice field, in display order: rename, remove, add. */
export function OptionsEditor({ value, onChange, draft, onDraftChange, error }: Props) {
  const { t } = useTranslation();
  const add = () => {
    const option = draft.trim();
    if (!option) return;
    if (!value.includes(option)) onChange([...value, option]);
    onDraftChange('');
  };
  return (
    <Fieldset legend={t('customFields.fields.options')} variant="unstyled">
      <Text size="xs" c="dimmed" mb="xs">
        {t('customFields.optionsHint')}
      </Text>
      <Stack gap={6}>
        {value.map((option, index) => (
          <Group key={index} gap="xs" wrap="nowrap">
            <TextInput
              flex={1}
              aria-label={t('customFields.optionNumber', { number: index + 1 })}
              value={option}
              onChange={(event) => onChange(value.map((o, i) => (i === index ? event.currentTarget.value : o)))}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('customFields.removeOption', { option })}
              onClick={() => onChange(value.filter((_, i) => i !== index))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group gap="xs" wrap="nowrap">
          <TextInput
            flex={1}
            aria-label={t('customFields.newOption')}
            placeholder={t('customFields.newOption')}
            value={draft}
            onChange={(event) => onDraftChange(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
          <Button variant="light" leftSection={<IconPlus size={14} />} onClick={add} disabled={!draft.trim()}>
            {t('customFields.addOption')}
          </Button>
        </Group>
      </Stack>
      {error ? <Input.Error mt="xs">{error}</Input.Error> : null}
    </Fieldset>
  );
}
