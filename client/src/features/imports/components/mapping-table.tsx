import { Select, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '@/api/types';
import { foldedFilter } from '@/lib/folded-filter';
import { customFieldTarget, fieldLabelKey, importFields, type ColumnMapping, type ImportEntity } from '../api/import-fields';
import classes from './mapping-table.module.css';

const IGNORE = '__ignore__';

type Props = {
  entity: ImportEntity;
  columns: readonly string[];
  mapping: ColumnMapping;
  customFields: readonly CustomField[];
  errors: Record<string, string>;
  disabled?: boolean;
  onChange: (column: string, field: string | null) => void;
};

/** One row per column of the file, with the field it feeds; on a phone one block per column (the CSS module). */
export function MappingTable({ entity, columns, mapping, customFields, errors, disabled, onChange }: Props) {
  const { t } = useTranslation();
  const standard = importFields[entity].map((field) => ({ value: field, label: t(fieldLabelKey(entity, field)) }));
  const custom = customFields.map((field) => ({ value: customFieldTarget(field), label: field.label }));
  const known = new Set([...standard, ...custom].map((option) => option.value));
  // A target the server chose that this list lacks still shows, under its own name.
  const extra = Object.values(mapping)
    .filter((field): field is string => !!field && !known.has(field))
    .filter((field, index, all) => all.indexOf(field) === index)
    .map((field) => ({ value: field, label: field }));
  const data = [
    { group: t('imports.ignoreGroup'), items: [{ value: IGNORE, label: t('imports.ignore') }] },
    { group: t('imports.standardFields'), items: [...standard, ...extra] },
    ...(custom.length ? [{ group: t('customers.customFields'), items: custom }] : []),
  ];

  return (
    <Table aria-label={t('imports.steps.columns')} verticalSpacing="xs" className={classes.table} role="table">
      <Table.Thead role="rowgroup">
        <Table.Tr role="row">
          <Table.Th role="columnheader">{t('imports.column')}</Table.Th>
          <Table.Th role="columnheader">{t('imports.field')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody role="rowgroup">
        {columns.map((column) => (
          <Table.Tr key={column} role="row">
            <Table.Td fw={500} className={classes.column} role="cell">
              {column}
            </Table.Td>
            <Table.Td role="cell">
              <Select
                aria-label={t('imports.fieldFor', { column })}
                data={data}
                value={mapping[column] ?? IGNORE}
                onChange={(value) => onChange(column, !value || value === IGNORE ? null : value)}
                allowDeselect={false}
                searchable
                filter={foldedFilter}
                disabled={disabled}
                error={errors[column]}
                maw={360}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
