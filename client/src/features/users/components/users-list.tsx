import { Badge, Button, Group, Modal, Stack, Table } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconUserOff, IconUserCheck, IconUserPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '@/api/types';
import { ActionsMenu } from '@/components/ui/actions-menu';
import { ErrorAlert } from '@/components/ui/error-view';
import { ListTable } from '@/components/ui/list-view';
import { PageHeader } from '@/components/ui/page-header';
import { useMe } from '@/lib/auth';
import { useFormat } from '@/lib/format';
import { errorMessage } from '@/lib/error-message';
import { useDepartmentOptions, useUpdateUser, useUsers } from '../api/users';
import { EditUserForm, InviteUserForm } from './user-form';

export function UsersList() {
  const { t } = useTranslation();
  const format = useFormat();
  const users = useUsers();
  const departments = useDepartmentOptions();
  const update = useUpdateUser();
  const { data: me } = useMe();
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);

  const items = users.data?.pages.flatMap((page) => page.items) ?? [];
  const departmentName = useMemo(() => {
    const byId = new Map((departments.data ?? []).map((d) => [d.id ?? '', d.name ?? '']));
    return (id: string | null | undefined) => (id ? (byId.get(id) ?? '') : '');
  }, [departments.data]);

  const setActive = async (user: User, active: boolean) => {
    try {
      await update.mutateAsync({ id: user.id ?? '', patch: { active } });
      notifications.show({
        color: 'green',
        message: active ? t('users.reactivated', { name: user.name }) : t('users.deactivated', { name: user.name }),
      });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    }
  };

  return (
    <Stack>
      <PageHeader
        title={t('users.title')}
        actions={
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setInviting(true)}>
            {t('users.invite')}
          </Button>
        }
      />
      {users.isError ? <ErrorAlert error={users.error} /> : null}
      <ListTable
        minWidth={640}
        label={t('users.title')}
        columns={[
          t('users.fields.name'),
          t('users.fields.email'),
          t('users.fields.roles'),
          t('users.fields.department'),
          t('users.fields.status'),
          t('users.fields.lastSignInAt'),
          t('users.fields.createdAt'),
        ]}
        actions
        emptyRow={!users.isPending && items.length === 0 ? t('users.empty') : null}
      >
        {items.map((user) => (
          <Table.Tr key={user.id} opacity={user.active ? 1 : 0.6}>
            <Table.Td>{user.name}</Table.Td>
            <Table.Td>{user.email}</Table.Td>
            <Table.Td>
              {/* Whole words ("ADMINISTRADOR", "ΔΙΑΧΕΙΡΙΣΤΗΣ"): the column widens, a badge is not cut to "A…". */}
              <Group gap={4}>
                {(user.roles ?? []).map((role) => (
                  <Badge key={role} size="sm" variant="light" miw="max-content">
                    {t(`users.roles.${role}`, { defaultValue: role })}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>{departmentName(user.departmentId)}</Table.Td>
            <Table.Td>
              <Badge color={user.active ? 'green' : 'gray'} variant="dot" miw="max-content">
                {user.active ? t('users.active') : t('users.inactive')}
              </Badge>
            </Table.Td>
            <Table.Td>{format.dateTime(user.lastSignInAt)}</Table.Td>
            <Table.Td>{format.date(user.createdAt)}</Table.Td>
            <Table.Td>
              <ActionsMenu
                label={t('users.actionsFor', { name: user.name })}
                actions={[
                  { label: t('users.editRoles'), icon: <IconPencil size={16} />, onSelect: () => setEditing(user) },
                  user.active
                    ? {
                        label: t('users.deactivate'),
                        icon: <IconUserOff size={16} />,
                        color: 'red',
                        disabled: user.id === me?.id,
                        onSelect: () => void setActive(user, false),
                      }
                    : { label: t('users.reactivate'), icon: <IconUserCheck size={16} />, onSelect: () => void setActive(user, true) },
                ]}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      {users.hasNextPage ? (
        <Group justify="center">
          <Button variant="light" onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>
            {t('customers.list.loadMore')}
          </Button>
        </Group>
      ) : null}
      <Modal opened={inviting} onClose={() => setInviting(false)} title={t('users.invite')}>
        {inviting ? <InviteUserForm onDone={() => setInviting(false)} /> : null}
      </Modal>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t('users.editRoles')}
      >
        {editing ? <EditUserForm user={editing} onDone={() => setEditing(null)} /> : null}
      </Modal>
    </Stack>
  );
}
