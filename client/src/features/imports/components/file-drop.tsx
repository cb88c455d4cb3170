import { Button, Group, Input, Paper, Stack, Text } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format';
import { acceptedExtensions, isAcceptedFile } from '../api/import-fields';

type Props = { file: File | null; onChange: (file: File) => void; error?: string };

const sizeText = (bytes: number, number: (n: number) => string) =>
  bytes < 1024 * 1024 ? `${number(Math.max(1, Math.round(bytes / 1024)))} KB` : `${number(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;

/** Drag and drop, or browse; only the types the API reads. */
export function FileDrop({ file, onChange, error }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const inputId = useId();
  const [dragging, setDragging] = useState(false);
  const [wrongType, setWrongType] = useState(false);

  const take = (candidate: File | undefined) => {
    if (!candidate) return;
    const ok = isAcceptedFile(candidate);
    setWrongType(!ok);
    if (ok) onChange(candidate);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    take(event.dataTransfer.files?.[0]);
  };
  const message = wrongType ? t('imports.wrongType') : error;

  return (
    <Stack gap={4}>
      <Input.Label htmlFor={inputId}>{t('imports.file')}</Input.Label>
      <Paper
        withBorder
        p="xl"
        data-testid="file-drop"
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: message ? 'var(--mantine-color-error)' : dragging ? 'var(--mantine-primary-color-filled)' : undefined,
        }}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Stack align="center" gap="xs">
          <IconFileUpload size={36} aria-hidden />
          <Group gap="xs">
            <Text>{t('imports.drop')}</Text>
            <Button component="label" htmlFor={inputId} variant="light" size="xs">
              {t('imports.browse')}
            </Button>
          </Group>
          <input
            id={inputId}
            type="file"
            className="visually-hidden"
            accept={acceptedExtensions.join(',')}
            aria-invalid={message ? true : undefined}
            onChange={(event) => {
              take(event.currentTarget.files?.[0]);
              event.currentTarget.value = '';
            }}
          />
          <Text size="xs" c="dimmed">
            {t('imports.fileTypes')}
          </Text>
          {file ? (
            <Text fw={600} data-testid="chosen-file">
              {t('imports.chosen', { name: file.name, size: sizeText(file.size, format.number) })}
            </Text>
          ) : null}
        </Stack>
      </Paper>
      {message ? <Input.Error>{message}</Input.Error> : null}
    </Stack>
  );
}
