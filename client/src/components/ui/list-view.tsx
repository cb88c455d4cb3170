import { Stack, Table, Text, type TableProps } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './error-view';

type QueryState = { isPending: boolean; isError: boolean; error: unknown };

type ListViewProps = {
  /** The query whose items are listed: its failure shows above, its first load as "Loading…". */
  query: QueryState;
  /** How many items there are to show; none shows `empty` (unless the query failed). */
  count: number;
  /** The sentence for no items. */
  empty: ReactNode;
  /** Drawn above the empty sentence, centred, on pages where the list is the page. */
  emptyIcon?: Icon;
  /** What to show instead of the usual alert when the query failed (a 403 worded as a permission, say). */
  failure?: ReactNode;
  /** The items (a ListTable, a stack of entries). */
  children: ReactNode;
};

/** A query's list in its four states: the failure above, then loading, empty, or the items. */
export function ListView({ query, count, empty, emptyIcon: EmptyIcon, failure, children }: ListViewProps) {
  const { t } = useTranslation();
  return (
    <>
      {query.isError ? (failure ?? <ErrorAlert error={query.error} />) : null}
      {query.isPending ? (
        <Text c="dimmed">{t('common.loading')}</Text>
      ) : count > 0 ? (
        children
      ) : query.isError ? null : EmptyIcon ? (
        <Stack align="center" gap="xs" py="xl">
          <EmptyIcon size={32} aria-hidden />
          <Text c="dimmed">{empty}</Text>
        </Stack>
      ) : (
        <Text c="dimmed">{empty}</Text>
      )}
    </>
  );
}

export type ListColumn = string | { label: string; align: 'right' };

type ListTableProps = Omit<TableProps, 'children'> & {
  /** The table's accessible name. */
  label: string;
  columns: readonly ListColumn[];
  /** Adds a last column, named for screen readers only, for each row's buttons or menu. */
  actions?: boolean;
  /** Scrolls sideways below this width; without it the table is not wrapped. */
  minWidth?: number;
  /** A sentence shown as the only row, across all columns (for tables drawn even when empty). */
  emptyRow?: ReactNode;
  /** The rows. */
  children: ReactNode;
};

/** A striped table with its header row: the columns' names and, optionally, a hidden Actions header. */
export function ListTable({ label, columns, actions, minWidth, emptyRow, children, ...props }: ListTableProps) {
  const { t } = useTranslation();
  const table = (
    <Table striped aria-label={label} {...props}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column) =>
            typeof column === 'string' ? (
              <Table.Th key={column}>{column}</Table.Th>
            ) : (
              <Table.Th key={column.label} ta={column.align}>
                {column.label}
              </Table.Th>
            ),
          )}
          {actions ? (
            <Table.Th>
              <span className="visually-hidden">{t('common.actions')}</span>
            </Table.Th>
          ) : null}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {children}
        {emptyRow ? (
          <Table.Tr>
            <Table.Td colSpan={columns.length + (actions ? 1 : 0)}>
              <Text c="dimmed" ta="center">
                {emptyRow}
              </Text>
            </Table.Td>
          </Table.Tr>
        ) : null}
      </Table.Tbody>
    </Table>
  );
  return minWidth === undefined ? table : <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer>;
}
