import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { MappingTable } from './mapping-table';
import classes from './mapping-table.module.css';

describe('MappingTable', () => {
  it('is one table of its card on a phone: no sideways scroll box, its rows stack by the module CSS, each field still named', async () => {
    renderWithProviders(
      <MappingTable
        entity="customers"
        columns={['Company Name', 'Telephone number']}
        mapping={{ 'Company Name': 'name', 'Telephone number': null }}
        customFields={[]}
        errors={{}}
        onChange={() => {}}
      />,
    );
    const table = await screen.findByRole('table', { name: 'Columns' });
    // The old 520 px scroll box cut the choice to a few letters at 375 px; the table itself stacks now.
    expect(table.closest('.mantine-ScrollArea-root, .mantine-TableScrollContainer-scrollContainer')).toBeNull();
    expect(table).toHaveClass(classes.table);
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByRole('columnheader', { name: 'Field' })).toBeInTheDocument();
    expect(within(table).getByRole('cell', { name: 'Company Name' })).toHaveClass(classes.column);
    expect(within(table).getByRole('textbox', { name: 'Field for Company Name' })).toHaveValue('Name');
    expect(within(table).getByRole('textbox', { name: 'Field for Telephone number' })).toHaveValue('Ignore this column');
  });
});
