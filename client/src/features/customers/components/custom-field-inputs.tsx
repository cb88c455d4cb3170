import { MultiSelect, Select, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';
import type { CustomField } from '@/api/types';
import { DateInput } from '@/components/ui/date-input';
import { LocaleNumberInput } from '@/components/ui/locale-number-input';
import { foldedFilter } from '@/lib/folded-filter';

type Props<T extends FieldValues> = {
  control: Control<T>;
  definitions: readonly CustomField[];
  /** The form's message for a field path such as "customFields.sector". */
  errorFor: (key: string) => string | undefined;
};

/** One input per custom field, by type; values land in the form under `customFields.<key>`. */
export function CustomFieldInputs<T extends FieldValues>({ control, definitions, errorFor }: Props<T>) {
  const { t } = useTranslation();
  const clearButtonProps = { 'aria-label': t('common.clear') };
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {definitions.map((definition) => (
        <Controller
          key={definition.id}
          control={control}
          name={`customFields.${definition.key}` as Path<T>}
          render={({ field }) => {
            const common = {
              label: definition.label,
              description: definition.description || undefined,
              error: errorFor(definition.key),
              onBlur: field.onBlur,
              ref: field.ref,
            };
            const value: unknown = field.value;
            switch (definition.type) {
              case 'number':
                return (
                  <LocaleNumberInput {...common} value={value} onChange={(next) => field.onChange(next)} />
                );
              case 'date':
                return (
                  <DateInput
                    {...common}
                    value={typeof value === 'string' ? value : ''}
                    onChange={(event) => field.onChange(event.currentTarget.value)}
                  />
                );
              case 'boolean':
                return (
                  <Switch
                    {...common}
                    mt="lg"
                    checked={value === true}
                    onChange={(event) => field.onChange(event.currentTarget.checked)}
                  />
                );
              case 'choice':
                return (
                  <Select
                    {...common}
                    data={definition.options}
                    value={typeof value === 'string' && value ? value : null}
                    onChange={(next) => field.onChange(next ?? '')}
                    clearable
                    clearButtonProps={clearButtonProps}
                    searchable
                    filter={foldedFilter}
                  />
                );
              case 'multiChoice':
                return (
                  <MultiSelect
                    {...common}
                    data={definition.options}
                    value={Array.isArray(value) ? value.map(String) : []}
                    onChange={(next) => field.onChange(next)}
                    clearable
                    clearButtonProps={clearButtonProps}
                    searchable
                    filter={foldedFilter}
                  />
                );
              default:
                return (
                  <TextInput
                    {...common}
                    value={value === null || value === undefined ? '' : String(value)}
                    onChange={(event) => field.onChange(event.currentTarget.value)}
                  />
                );
            }
          }}
        />
      ))}
    </SimpleGrid>
  );
}
