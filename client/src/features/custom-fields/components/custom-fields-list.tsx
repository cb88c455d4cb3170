import { Badge, Button, Code, Group, Modal, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconForms, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/problem';
import type { CustomField, CustomFieldEntity } from '@/api/types';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert } from '@/components/ui/error-view';
import { ListTable, ListView } from '@/components/ui/list-view';
import { PageHeader } from '@/components/ui/page-header';
import { PageLoader } from '@/components/ui/page-loader';
import { useCustomFields } from '@/lib/custom-fields';
import { useDeleteCustomField } from '../api/delete-custom-field';
import { customFieldEntities } from '../api/field-types';
import { useCustomField } from '../api/get-custom-field';
import { CustomFieldForm } from './custom-field-form';

/** The edit form starts from the definition as the server holds it now, with its ETag. */
function EditCustomField({ id, onDone, onCancel }: { id: string; onDone: (field: CustomField) => void; onCancel: () => void }) {
  const query = useCustomField(id);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  return <CustomFieldForm mode="edit" field={query.data.field} etag={query.data.etag} onDone={onDone} onCancel={onCancel} />;
}

function DeleteDialog({ field, onClose }: { field: CustomField | null; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteCustomField();
  const [failure, setFailure] = useState<string | null>(null);
  const close = () => {
    setFailure(null);
    onClose();
  };
  const confirm = async () => {
    if (!field) return;
    setFailure(null);
    try {
      await remove.mutateAsync(field.id);
      notifications.show({ color: 'green', message: t('customFields.deleted', { label: field.label }) });
      close();
    } catch (error) {
      setFailure(
        isApiError(error, 412)
          ? t('customFields.stale')
          : isApiError(error)
            ? (error.problem.detail ?? error.problem.title ?? t('errors.unexpected'))
            : t('errors.unexpected'),
      );
    }
  };
  return (
    <ConfirmDialog
      opened={field !== null}
      title={t('customFields.deleteTitle')}
      confirmLabel={t('customFields.delete')}
      busy={remove.isPending}
      failure={failure}
      onConfirm={() => void confirm()}
      onClose={close}
    >
      {t('customFields.deleteText', { label: field?.label ?? '' })}
    </ConfirmDialog>
  );
}

/** Admin: the extra fields of customers and contacts, per record type. */
export function CustomFieldsList() {
  const { t } = useTranslation();
  const [entity, setEntity] = useState<CustomFieldEntity>('customers');
  const fields = useCustomFields(entity);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<CustomField | null>(null);
  const [deleting, setDeleting] = useState<CustomField | null>(null);
  const items = fields.data ?? [];

  return (
    <Stack>
      <PageHeader
        title={t('customFields.title')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('customFields.create')}
          </Button>
        }
      />
      <Text c="dimmed">{t('customFields.intro')}</Text>
      <SegmentedControl
        aria-label={t('customFields.fields.entity')}
        w={320}
        value={entity}
        onChange={(value) => setEntity(value as CustomFieldEntity)}
        data={customFieldEntities.map((value) => ({ value, label: t(`customFields.entities.${value}`) }))}
      />
      <ListView query={fields} count={fields.isError ? 0 : items.length} empty={t('customFields.empty')} emptyIcon={IconForms}>
        <ListTable
          minWidth={720}
          label={t(`customFields.entities.${entity}`)}
          columns={[
            t('customFields.fields.label'),
            t('customFields.fields.key'),
            t('customFields.fields.type'),
            t('customFields.fields.options'),
            t('customFields.fields.description'),
          ]}
          actions
        >
          {items.map((field) => (
            <Table.Tr key={field.id}>
              <Table.Td>{field.label}</Table.Td>
              <Table.Td>
                <Code>{field.key}</Code>
              </Table.Td>
              <Table.Td>{t(`customFields.types.${field.type}`)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {field.options.map((option) => (
                    <Badge key={option} size="sm" variant="light" tt="none">
                      {option}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {field.description}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap" justify="flex-end">
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    leftSection={<IconPencil size={14} />}
                    aria-label={t('customFields.editNamed', { label: field.label })}
                    onClick={() => setEditing(field)}
                  >
                    {t('common.edit')}
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    leftSection={<IconTrash size={14} />}
                    aria-label={t('customFields.deleteNamed', { label: field.label })}
                    onClick={() => setDeleting(field)}
                  >
                    {t('customFields.delete')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </ListView>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('customFields.create')} size="lg">
        {creating ? (
          <CustomFieldForm
            mode="create"
            entity={entity}
            onCancel={() => setCreating(false)}
            onDone={(field) => {
              setCreating(false);
              setEntity(field.entity);
              notifications.show({ color: 'green', message: t('customFields.created', { label: field.label }) });
            }}
          />
        ) : null}
      </Modal>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('customFields.edit')} size="lg">
        {editing ? (
          <EditCustomField
            id={editing.id}
            onCancel={() => setEditing(null)}
            onDone={(field) => {
              setEditing(null);
              notifications.show({ color: 'green', message: t('customFields.saved', { label: field.label }) });
            }}
          />
        ) : null}
      </Modal>
      <DeleteDialog field={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}
