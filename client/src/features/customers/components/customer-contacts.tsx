import { Anchor, Button, Card, Group, Modal, Switch, Table, Title } from '@mantine/core';
import { IconArchive, IconArrowBackUp, IconPencil, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '@/api/types';
import { ActionsMenu } from '@/components/ui/actions-menu';
import { ListTable, ListView } from '@/components/ui/list-view';
import { usePhoneFormat } from '@/lib/phone';
import { useSetContactArchived } from '../api/archive-contact';
import { useCustomerContacts } from '../api/get-customer-contacts';
import { ContactCreate } from './contact-create';
import { ContactEdit } from './contact-edit';
import { useArchiveWithUndo } from './use-archive-with-undo';

const fullName = (contact: Contact) => [contact.firstName, contact.lastName].filter(Boolean).join(' ');

/** The people at a customer: add, edit, archive (with undo) and restore. */
export function CustomerContacts({ customerId, readOnly }: { customerId: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const phone = usePhoneFormat();
  const [showArchived, setShowArchived] = useState(false);
  const contacts = useCustomerContacts(customerId, showArchived);
  const archive = useArchiveWithUndo(useSetContactArchived(customerId), 'contacts');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Contact | null>(null);
  const items = contacts.data?.pages.flatMap((page) => page.items) ?? [];
  const canChange = !readOnly;

  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('contacts.title')}
        </Title>
        <Group gap="sm">
          <Switch
            size="sm"
            label={t('contacts.showArchived')}
            checked={showArchived}
            onChange={(event) => setShowArchived(event.currentTarget.checked)}
          />
          {canChange ? (
            <Button size="xs" variant="light" leftSection={<IconUserPlus size={14} />} onClick={() => setAdding(true)}>
              {t('contacts.add')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('contacts.add')} size="lg">
        {adding ? <ContactCreate customerId={customerId} onDone={() => setAdding(false)} /> : null}
      </Modal>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('contacts.edit')} size="lg">
        {editing?.id ? <ContactEdit id={editing.id} onDone={() => setEditing(null)} /> : null}
      </Modal>
      <ListView query={contacts} count={items.length} empty={showArchived ? t('contacts.emptyArchived') : t('contacts.empty')}>
        <ListTable
          minWidth={480}
          striped={false}
          label={showArchived ? t('contacts.archivedTitle') : t('contacts.title')}
          columns={[
            t('contacts.fields.name'),
            t('contacts.fields.jobTitle'),
            t('contacts.fields.email'),
            t('contacts.fields.phone'),
            t('contacts.fields.emailConsent'),
          ]}
          actions={canChange}
        >
          {items.map((contact) => (
            <Table.Tr key={contact.id}>
              <Table.Td>{fullName(contact)}</Table.Td>
              <Table.Td>{contact.jobTitle ?? ''}</Table.Td>
              <Table.Td>{contact.email ? <Anchor href={`mailto:${contact.email}`}>{contact.email}</Anchor> : ''}</Table.Td>
              <Table.Td>{contact.phone ? phone(contact.phone) : ''}</Table.Td>
              <Table.Td>{contact.emailConsent ? t('common.yes') : t('common.no')}</Table.Td>
              {canChange ? (
                <Table.Td>
                  <ActionsMenu
                    label={t('contacts.actionsFor', { name: fullName(contact) })}
                    actions={
                      contact.archivedAt
                        ? [
                            {
                              label: t('archive.restore'),
                              icon: <IconArrowBackUp size={16} />,
                              onSelect: () => void archive.run(contact.id, fullName(contact), false),
                            },
                          ]
                        : [
                            { label: t('common.edit'), icon: <IconPencil size={16} />, onSelect: () => setEditing(contact) },
                            {
                              label: t('archive.archive'),
                              icon: <IconArchive size={16} />,
                              color: 'red',
                              onSelect: () => void archive.run(contact.id, fullName(contact), true),
                            },
                          ]
                    }
                  />
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </ListTable>
      </ListView>
      {contacts.hasNextPage ? (
        <Button variant="subtle" mt="sm" onClick={() => void contacts.fetchNextPage()} loading={contacts.isFetchingNextPage}>
          {t('customers.list.loadMore')}
        </Button>
      ) : null}
    </Card>
  );
}
