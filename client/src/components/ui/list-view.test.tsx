import { Table } from '@mantine/core';
import { screen } from '@testing-library/react';
import { IconKey } from '@tabler/icons-react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/problem';
import { renderWithProviders } from '@/testing/render';
import { ListTable, ListView } from './list-view';

const idle = { isPending: false, isError: false, error: null };
const failed = { isPending: false, isError: true, error: new ApiError(500, { title: 'Server error', status: 500 }) };

function Rows({ names }: { names: string[] }) {
  return (
    <ListTable label="Tokens" columns={['Name', { label: 'Uses', align: 'right' }]} actions minWidth={400}>
      {names.map((name) => (
        <Table.Tr key={name}>
          <Table.Td>{name}</Table.Td>
          <Table.Td>1</Table.Td>
          <Table.Td />
        </Table.Tr>
      ))}
    </ListTable>
  );
}

describe('ListView', () => {
  it('says it is loading while the first page comes', () => {
    renderWithProviders(
      <ListView query={{ ...idle, isPending: true }} count={0} empty="No tokens yet.">
        <Rows names={[]} />
      </ListView>,
    );
    expect(screen.getByText('Loading…')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the empty sentence, under its icon when given, and no table', () => {
    renderWithProviders(
      <ListView query={idle} count={0} empty="No tokens yet." emptyIcon={IconKey}>
        <Rows names={[]} />
      </ListView>,
    );
    expect(screen.getByText('No tokens yet.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows a failure alone, not as an empty list, and keeps the rows it already had', () => {
    const { unmount } = renderWithProviders(
      <ListView query={failed} count={0} empty="No tokens yet.">
        <Rows names={[]} />
      </ListView>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Server error');
    expect(screen.queryByText('No tokens yet.')).not.toBeInTheDocument();
    unmount();

    renderWithProviders(
      <ListView query={failed} count={1} empty="No tokens yet." failure={<p role="alert">Not allowed</p>}>
        <Rows names={['CI']} />
      </ListView>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Not allowed');
    expect(screen.getByRole('row', { name: /CI/ })).toBeInTheDocument();
  });
});

describe('ListTable', () => {
  it('names its columns and a hidden Actions column, and an empty row spans them all', () => {
    renderWithProviders(
      <ListTable label="Users" columns={['Name', 'Email']} actions emptyRow="No users.">
        {null}
      </ListTable>,
    );
    const table = screen.getByRole('table', { name: 'Users' });
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Name', 'Email', 'Actions']);
    expect(screen.getByRole('cell', { name: 'No users.' })).toHaveAttribute('colspan', '3');
    expect(table).toBeInTheDocument();
  });
});
