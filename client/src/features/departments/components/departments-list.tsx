import { zodResolver } from '@hookform/resolvers/zod';
import { Card, Group, Stack, Table, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { isApiError } from '@/api/problem';
import { BusyButton } from '@/components/ui/busy-button';
import { ErrorAlert } from '@/components/ui/error-view';
import { ListTable } from '@/components/ui/list-view';
import { PageHeader } from '@/components/ui/page-header';
import { applyProblemToForm } from '@/lib/form-errors';
import { useFormat } from '@/lib/format';
import { useCreateDepartment, useDepartments } from '../api/departments';
import { errorMessage } from '@/lib/error-message';

const schema = z.object({ name: z.string().check(z.trim(), z.minLength(1, 'validation.required'), z.maxLength(200, 'validation.tooLong')) });
type Values = z.infer<typeof schema>;

export function DepartmentsList() {
  const { t } = useTranslation();
  const departments = useDepartments();
  const create = useCreateDepartment();
  const items = departments.data ?? [];
  const format = useFormat();
  const { register, handleSubmit, setError, reset, formState } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { name: '' },
  });
  const message = (text?: string) => (text ? (text.startsWith('validation.') ? t(text) : text) : undefined);

  const submit = handleSubmit(async (values) => {
    try {
      const created = await create.mutateAsync(values);
      reset();
      notifications.show({ color: 'green', message: t('departments.created', { name: created.name ?? values.name }) });
    } catch (error) {
      if (isApiError(error, 409)) setError('name', { message: error.problem.detail ?? error.problem.title ?? '' });
      else if (applyProblemToForm(error, setError, ['name']).length || !isApiError(error, 400))
        setError('name', { message: errorMessage(error, t) });
    }
  });

  return (
    <Stack>
      <PageHeader title={t('departments.title')} />
      <Card withBorder>
        <form onSubmit={submit} noValidate aria-label={t('departments.add')}>
          <Group align="flex-start">
            <TextInput
              label={t('departments.fields.name')}
              {...register('name')}
              error={message(formState.errors.name?.message)}
              w={320}
            />
            <BusyButton type="submit" mt={25} leftSection={<IconPlus size={16} />} loading={formState.isSubmitting}>
              {t('departments.add')}
            </BusyButton>
          </Group>
        </form>
      </Card>
      {departments.isError ? <ErrorAlert error={departments.error} /> : null}
      <ListTable
        label={t('departments.title')}
        columns={[t('departments.fields.name'), t('departments.fields.createdAt')]}
        emptyRow={!departments.isPending && items.length === 0 ? t('departments.empty') : null}
      >
        {items.map((department) => (
          <Table.Tr key={department.id}>
            <Table.Td>{department.name}</Table.Td>
            <Table.Td>{format.date(department.createdAt)}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </Stack>
  );
}
