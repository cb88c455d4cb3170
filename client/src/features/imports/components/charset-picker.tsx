import { Alert, Code, Select, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileCharsets, sampleLines, type FileCharset } from '../api/file-charset';

type Props = { file: File; charset: FileCharset; onChange: (charset: FileCharset) => void; error?: string };

/**
 * For a file that is not UTF-8: which character set it was saved in, with its first lines read in that set, so a wrong
 * choice shows as garbled names here and not in the records.
 */
export function CharsetPicker({ file, charset, onChange, error }: Props) {
  const { t } = useTranslation();
  const [sample, setSample] = useState<{ file: File; charset: FileCharset; lines: string[] } | null>(null);

  useEffect(() => {
    let current = true;
    void sampleLines(file, charset).then((lines) => {
      if (current) setSample({ file, charset, lines });
    });
    return () => {
      current = false;
    };
  }, [file, charset]);

  const lines = sample?.file === file && sample.charset === charset ? sample.lines : null;
  return (
    <Alert color="yellow" icon={<IconAlertTriangle />} title={t('imports.charset.notUtf8')}>
      <Stack gap="xs">
        <Text size="sm">{t('imports.charset.intro')}</Text>
        <Select
          label={t('imports.charset.label')}
          data={fileCharsets.map((value) => ({ value, label: t(`imports.charset.sets.${value.replace(/-/g, '_')}`) }))}
          value={charset}
          onChange={(value) => value && onChange(value as FileCharset)}
          allowDeselect={false}
          error={error}
          maw={420}
        />
        <Text size="sm" id="charset-sample-label">
          {t('imports.charset.sample')}
        </Text>
        <Code block aria-labelledby="charset-sample-label" data-testid="charset-sample">
          {lines ? lines.join('\n') : '…'}
        </Code>
      </Stack>
    </Alert>
  );
}
