import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  CheckboxIndicator,
  Group,
  Menu,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconColumns, IconSearch, IconSelector, IconX } from '@tabler/icons-react';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type CellContext,
  type ColumnDef,
  type VisibilityState,
} from '@tanstack/react-table';
import { useEffect, useMemo, useRef, useState, type ComponentPropsWithRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Customer, CustomField } from '@/api/types';
import { ErrorAlert } from '@/components/ui/error-view';
import { paths } from '@/config/paths';
import { useCustomFieldFormat, useCustomFields } from '@/lib/custom-fields';
import { canExport, useMe } from '@/lib/auth';
import { useFormat } from '@/lib/format';
import { useDebounced } from '@/lib/use-debounced';
import { foldedFilter } from '@/lib/folded-filter';
import { usePhoneFormat } from '@/lib/phone';
import { customerKinds, customerSorts, customerTypes, lifecycleStages } from '../api/customer-enums';
import { useCustomers, useCustomersTotal, type CustomerFilters } from '../api/get-customers';
import { ExportButton, useCustomersExport } from './customers-export';
import { useOwners } from '@/lib/owners';

type CellMeta = {
  nameOf: (id: string | null | undefined) => string;
  formatCustomField: (field: CustomField, value: unknown) => string;
};
type Cell = CellContext<Customer, unknown>;

// Cells are components with stable identities, so rows are not remounted on every render.
function NameCell({ row }: Cell) {
  return (
    <Anchor component={Link} to={paths.customer.getHref(row.original.id ?? '')} fw={500}>
      {row.original.name}
    </Anchor>
  );
}
function TypeCell({ row }: Cell) {
  const { t } = useTranslation();
  // The whole word, as long as it is ("ΥΠΟΨΗΦΙΟΣ ΠΕΛΑΤΗΣ", "CONTACTE POTENCIAL"): the column widens, the badge is not cut.
  return (
    <Badge variant="light" miw="max-content">
      {t(`customers.types.${row.original.type}`)}
    </Badge>
  );
}
function StageCell({ row }: Cell) {
  const { t } = useTranslation();
  return row.original.lifecycleStage ? t(`customers.stages.${row.original.lifecycleStage}`) : '';
}
function OwnerCell({ row, table }: Cell) {
  return (table.options.meta as CellMeta).nameOf(row.original.ownerId);
}
function PhoneCell({ row }: Cell) {
  const phone = usePhoneFormat();
  return row.original.phone ? phone(row.original.phone) : '';
}
function TagsCell({ row }: Cell) {
  // As typed ("ł-tag", not "Ł-TAG"): the tag filter matches what the badge shows.
  return (
    <Group gap={4}>
      {(row.original.tags ?? []).map((tag) => (
        <Badge key={tag} size="sm" variant="outline" tt="none">
          {tag}
        </Badge>
      ))}
    </Group>
  );
}
function CityCell({ row }: Cell) {
  const format = useFormat();
  return [row.original.address?.city, format.country(row.original.address?.country)].filter(Boolean).join(', ');
}
/** A custom field value, formatted by the field's type. */
function customFieldCell(field: CustomField) {
  return function CustomFieldCell({ row, table }: Cell) {
    return (table.options.meta as CellMeta).formatCustomField(field, row.original.customFields?.[field.key]);
  };
}
function CreatedCell({ row }: Cell) {
  return useFormat().dateTime(row.original.createdAt);
}
function UpdatedCell({ row }: Cell) {
  return useFormat().dateTime(row.original.updatedAt);
}

/**
 * A column's item in the Columns menu: the item itself toggles, so Enter or Space on it does (a checkbox inside an item
 * could not be reached from the keyboard: the menu moves between items, and Space closed it). Mantine's Menu.Item sets
 * role="menuitem" after its props, so the checkbox role is set here.
 */
function MenuCheckItem(props: ComponentPropsWithRef<'button'>) {
  return <button type="button" {...props} role="menuitemcheckbox" />;
}

const DEFAULT_COLUMNS: VisibilityState = {
  name: true,
  type: true,
  lifecycleStage: true,
  email: true,
  phone: false,
  owner: false,
  tags: true,
  city: false,
  createdAt: false,
  updatedAt: true,
};

/** Column id of a custom field; such columns are hidden until the user picks them. */
const customColumnId = (key: string) => `customFields.${key}`;

/**
 * The names keep room on a phone: the table scrolls sideways past 640 px, and the other columns (the type badge is as
 * wide as its word, "ΔΥΝΗΤΙΚΗ ΕΠΑΦΗ") squeezed the name to about 85 px, a word a line.
 */
const NAME_MIN_WIDTH = '10rem';

const SORTABLE: Record<string, string> = { name: 'name', createdAt: 'createdAt', updatedAt: 'updatedAt' };

function readFilters(params: URLSearchParams): CustomerFilters {
  const sort = params.get('sort') ?? 'name';
  return {
    q: params.get('q') ?? undefined,
    kind: params.get('kind') ?? undefined,
    type: params.get('type') ?? undefined,
    lifecycleStage: params.get('lifecycleStage') ?? undefined,
    ownerId: params.get('ownerId') ?? undefined,
    tag: params.get('tag') ?? undefined,
    sort: (customerSorts as readonly string[]).includes(sort) ? sort : 'name',
    archived: params.get('archived') === 'true' ? true : undefined,
  };
}

/**
 * A text box bound to one query parameter. The box and the address agree on one value (synced): a box that settles on
 * another value (debounced) writes it to the address; an address that changes under the box (the sidebar's link to
 * the bare list, Back, Forward) sets it, or the box would show a search the list no longer applies. Comparing with what
 * was last agreed, not with the lagging debounced value, keeps a quick Back from being undone by a settling debounce.
 */
function useParamBox(params: URLSearchParams, key: 'q' | 'tag', write: (key: 'q' | 'tag', value: string) => void) {
  const fromAddress = params.get(key) ?? '';
  const [text, setText] = useState(fromAddress);
  const settled = useDebounced(text.trim(), 300);
  const synced = useRef(fromAddress);
  useEffect(() => {
    if (settled === synced.current) return;
    synced.current = settled;
    write(key, settled);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);
  useEffect(() => {
    if (fromAddress === synced.current) return;
    synced.current = fromAddress;
    setText(fromAddress);
  }, [fromAddress]);
  return [text, setText] as const;
}

export function CustomersList() {
  const { t } = useTranslation();
  const format = useFormat();
  const owners = useOwners();
  const definitions = useCustomFields('customers').data;
  const formatCustomField = useCustomFieldFormat();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const mayExport = canExport(useMe().data);
  const exporting = useCustomersExport(filters);

  const setFilter = (key: keyof CustomerFilters, value: string | null | undefined) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const [search, setSearch] = useParamBox(params, 'q', setFilter);
  const [tagInput, setTagInput] = useParamBox(params, 'tag', setFilter);

  const query = useCustomers(filters);
  const customers = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const counted = useCustomersTotal(filters);
  // Only beside these filters' own rows: while another filter's rows stand in (placeholder), so does "Showing N".
  const total = query.isPlaceholderData ? undefined : counted.data;

  const [storedVisibility, setColumnVisibility] = useLocalStorage<VisibilityState>({
    key: 'crm.customers.columns',
    defaultValue: DEFAULT_COLUMNS,
    getInitialValueInEffect: false,
  });

  const columns = useMemo<ColumnDef<Customer>[]>(
    () => [
      { id: 'name', header: t('customers.fields.name'), enableHiding: false, cell: NameCell },
      { id: 'type', header: t('customers.fields.type'), cell: TypeCell },
      { id: 'lifecycleStage', header: t('customers.fields.lifecycleStage'), cell: StageCell },
      { id: 'email', header: t('customers.fields.email'), cell: ({ row }) => row.original.email ?? '' },
      { id: 'phone', header: t('customers.fields.phone'), cell: PhoneCell },
      { id: 'owner', header: t('customers.fields.owner'), cell: OwnerCell },
      { id: 'tags', header: t('customers.fields.tags'), cell: TagsCell },
      { id: 'city', header: t('customers.fields.city'), cell: CityCell },
      { id: 'createdAt', header: t('customers.fields.createdAt'), cell: CreatedCell },
      { id: 'updatedAt', header: t('customers.fields.updatedAt'), cell: UpdatedCell },
      ...(definitions ?? []).map(
        (field): ColumnDef<Customer> => ({ id: customColumnId(field.key), header: field.label, cell: customFieldCell(field) }),
      ),
    ],
    [t, definitions],
  );
  // Columns the user never chose are visible by default in the table; custom ones start hidden.
  const columnVisibility = useMemo<VisibilityState>(
    () => ({
      ...Object.fromEntries((definitions ?? []).map((field) => [customColumnId(field.key), false])),
      ...storedVisibility,
    }),
    [definitions, storedVisibility],
  );

  const table = useReactTable({
    data: customers,
    columns,
    state: { columnVisibility },
    onColumnVisibilityChange: (updater) =>
      setColumnVisibility((current) => (typeof updater === 'function' ? updater(current) : updater)),
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    getRowId: (row, index) => row.id ?? String(index),
    meta: { nameOf: owners.nameOf, formatCustomField } satisfies CellMeta,
  });

  const sort = filters.sort ?? 'name';
  const sortField = sort.replace(/^-/, '');
  const descending = sort.startsWith('-');
  const toggleSort = (field: string) =>
    setFilter('sort', sortField === field && !descending ? `-${field}` : field);

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('customers.list.search')}
          placeholder={t('customers.list.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          rightSection={
            search ? (
              <ActionIcon variant="subtle" size="sm" onClick={() => setSearch('')} aria-label={t('common.clear')}>
                <IconX size={14} />
              </ActionIcon>
            ) : null
          }
          w={260}
          type="search"
        />
        <Select
          label={t('customers.fields.kind')}
          placeholder={t('customers.list.any')}
          data={customerKinds.map((value) => ({ value, label: t(`customers.kinds.${value}`) }))}
          value={filters.kind ?? null}
          onChange={(value) => setFilter('kind', value)}
          clearable
          w={140}
        />
        <Select
          label={t('customers.fields.type')}
          placeholder={t('customers.list.any')}
          data={customerTypes.map((value) => ({ value, label: t(`customers.types.${value}`) }))}
          value={filters.type ?? null}
          onChange={(value) => setFilter('type', value)}
          clearable
          w={160}
        />
        <Select
          label={t('customers.fields.lifecycleStage')}
          placeholder={t('customers.list.any')}
          data={lifecycleStages.map((value) => ({ value, label: t(`customers.stages.${value}`) }))}
          value={filters.lifecycleStage ?? null}
          onChange={(value) => setFilter('lifecycleStage', value)}
          clearable
          w={170}
        />
        <Select
          label={t('customers.fields.owner')}
          placeholder={t('customers.list.any')}
          data={owners.all(filters.ownerId)}
          value={filters.ownerId ?? null}
          onChange={(value) => setFilter('ownerId', value)}
          clearable
          searchable
          filter={foldedFilter}
          w={180}
        />
        <TextInput
          label={t('customers.fields.tag')}
          placeholder={t('customers.list.tagPlaceholder')}
          value={tagInput}
          onChange={(event) => setTagInput(event.currentTarget.value)}
          w={140}
        />
        <Switch
          label={t('customers.list.showArchived')}
          checked={filters.archived === true}
          onChange={(event) => setFilter('archived', event.currentTarget.checked ? 'true' : null)}
          mb={8}
        />
        <Menu closeOnItemClick={false} position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="default" leftSection={<IconColumns size={16} aria-hidden />} ml="auto">
              {t('customers.list.columns')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('customers.list.visibleColumns')}</Menu.Label>
            {table
              .getAllLeafColumns()
              .filter((column) => column.getCanHide())
              .map((column) => (
                <Menu.Item
                  key={column.id}
                  component={MenuCheckItem}
                  aria-checked={column.getIsVisible()}
                  leftSection={<CheckboxIndicator checked={column.getIsVisible()} size="xs" aria-hidden />}
                  // The value now, not "the opposite" later: the stored setter runs the update twice.
                  onClick={() => column.toggleVisibility(!column.getIsVisible())}
                >
                  {String(column.columnDef.header)}
                </Menu.Item>
              ))}
          </Menu.Dropdown>
        </Menu>
        {mayExport ? <ExportButton busy={exporting.busy} onClick={() => void exporting.start()} /> : null}
      </Group>


      {query.isError ? <ErrorAlert error={query.error} /> : null}

      <Text size="sm" c="dimmed" aria-live="polite" data-testid="customers-count">
        {query.isPending
          ? t('common.loading')
          : total != null
            ? t('customers.list.showingOf', { shown: format.number(customers.length), total: format.number(total) })
            : t('customers.list.showing', { shown: format.number(customers.length) })}
      </Text>

      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover aria-label={t('customers.title')} aria-busy={query.isFetching}>
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => {
                  const field = SORTABLE[header.column.id];
                  const label = flexRender(header.column.columnDef.header, header.getContext());
                  if (!field) return <Table.Th key={header.id}>{label}</Table.Th>;
                  const active = sortField === field;
                  return (
                    <Table.Th
                      key={header.id}
                      aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}
                      miw={header.column.id === 'name' ? NAME_MIN_WIDTH : undefined}
                    >
                      <UnstyledButton onClick={() => toggleSort(field)} fw={700} fz="sm">
                        <Group gap={4} wrap="nowrap">
                          {label}
                          {active ? (
                            descending ? (
                              <IconArrowDown size={14} aria-hidden />
                            ) : (
                              <IconArrowUp size={14} aria-hidden />
                            )
                          ) : (
                            <IconSelector size={14} aria-hidden />
                          )}
                          <VisuallyHidden>{t('customers.list.sortBy')}</VisuallyHidden>
                        </Group>
                      </UnstyledButton>
                    </Table.Th>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {table.getRowModel().rows.map((row) => (
              <Table.Tr key={row.id} opacity={row.original.archivedAt ? 0.6 : 1}>
                {row.getVisibleCells().map((cell) => (
                  <Table.Td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</Table.Td>
                ))}
              </Table.Tr>
            ))}
            {!query.isPending && customers.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={table.getVisibleLeafColumns().length}>
                  <Text c="dimmed" ta="center" py="lg">
                    {t('customers.list.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {query.hasNextPage ? (
        <Group justify="center">
          <Button variant="light" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t('customers.list.loadMore')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
