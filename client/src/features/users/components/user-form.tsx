import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, MultiSelect, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { isApiError } from '@/api/problem';
import type { Department, User } from '@/api/types';
import { BusyButton } from '@/components/ui/busy-button';
import { errorMessage } from '@/lib/error-message';
import { applyProblemToForm } from '@/lib/form-errors';
import { roles, useCreateUser, useDepartmentOptions, useUpdateUser } from '../api/users';

const departmentChoices = (items: Department[] | undefined) =>
  (items ?? []).flatMap((d) => (d.id ? [{ value: d.id, label: d.name ?? d.id }] : []));

/** The roles picker both user forms share. */
function RolesSelect({ value, onChange, error }: { value: string[]; onChange: (value: string[]) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <MultiSelect
      label={t('users.fields.roles')}
      withAsterisk
      data={roles.map((role) => ({ value: role, label: t(`users.roles.${role}`) }))}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

/** The department picker both user forms share; '' means none. */
function DepartmentSelect({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string }) {
  const { t } = useTranslation();
  const departments = useDepartmentOptions();
  return (
    <Select
      label={t('users.fields.department')}
      data={departmentChoices(departments.data)}
      value={value || null}
      onChange={(next) => onChange(next ?? '')}
      clearable
      error={error}
    />
  );
}

const inviteSchema = z.object({
  email: z.email('validation.email'),
  name: z.string().check(z.trim(), z.minLength(1, 'validation.required'), z.maxLength(200, 'validation.tooLong')),
  password: z.string().check(z.minLength(12, 'validation.passwordLength')),
  roles: z.array(z.string()).check(z.minLength(1, 'validation.required')),
  departmentId: z.string(),
});

type InviteValues = z.infer<typeof inviteSchema>;

/** Invite = create the user with a first password they are told out of band. */
export function InviteUserForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, control, handleSubmit, setError, formState } = useForm<InviteValues>({
    resolver: zodResolver(inviteSchema),
    defaultValues: { email: '', name: '', password: '', roles: ['Sales'], departmentId: '' },
  });
  const { errors, isSubmitting } = formState;
  const message = (text?: string) => (text ? (text.startsWith('validation.') ? t(text) : text) : undefined);

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await create.mutateAsync({ ...values, departmentId: values.departmentId || null });
      onDone();
    } catch (error) {
      // Another user has this email: said by the email field, focused, as a 400's messages are.
      if (isApiError(error, 409) && (error.problem as { field?: string }).field === 'email')
        return setError('email', { type: 'server', message: errorMessage(error, t) }, { shouldFocus: true });
      const rest = applyProblemToForm(error, setError, ['email', 'name', 'password', 'roles', 'departmentId']);
      if (!isApiError(error, 400) || rest.length)
        setFailure(isApiError(error) ? (error.problem.detail ?? error.problem.title ?? '') : t('errors.unexpected'));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {failure ? (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        ) : null}
        <TextInput label={t('users.fields.email')} type="email" withAsterisk {...register('email')} error={message(errors.email?.message)} data-autofocus />
        <TextInput label={t('users.fields.name')} withAsterisk {...register('name')} error={message(errors.name?.message)} />
        <PasswordInput
          label={t('users.fields.password')}
          description={t('users.passwordHint')}
          withAsterisk
          autoComplete="new-password"
          {...register('password')}
          error={message(errors.password?.message)}
        />
        <Controller
          control={control}
          name="roles"
          render={({ field }) => <RolesSelect value={field.value} onChange={field.onChange} error={message(errors.roles?.message)} />}
        />
        <Controller
          control={control}
          name="departmentId"
          render={({ field }) => (
            <DepartmentSelect value={field.value} onChange={field.onChange} error={message(errors.departmentId?.message)} />
          )}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <BusyButton type="submit" loading={isSubmitting}>
            {t('users.invite')}
          </BusyButton>
        </Group>
      </Stack>
    </form>
  );
}

const editSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1, 'validation.required'), z.maxLength(200, 'validation.tooLong')),
  roles: z.array(z.string()).check(z.minLength(1, 'validation.required')),
  departmentId: z.string(),
});

type EditValues = z.infer<typeof editSchema>;

export function EditUserForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, control, handleSubmit, setError, formState } = useForm<EditValues>({
    resolver: zodResolver(editSchema),
    defaultValues: { name: user.name ?? '', roles: [...(user.roles ?? [])], departmentId: user.departmentId ?? '' },
  });
  const { errors, isSubmitting } = formState;
  const message = (text?: string) => (text ? (text.startsWith('validation.') ? t(text) : text) : undefined);

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await update.mutateAsync({ id: user.id ?? '', patch: { ...values, departmentId: values.departmentId || null } });
      onDone();
    } catch (error) {
      const rest = applyProblemToForm(error, setError, ['name', 'roles', 'departmentId']);
      if (!isApiError(error, 400) || rest.length)
        setFailure(isApiError(error) ? (error.problem.detail ?? error.problem.title ?? '') : t('errors.unexpected'));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {failure ? (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        ) : null}
        <TextInput label={t('users.fields.email')} value={user.email} readOnly disabled />
        <TextInput label={t('users.fields.name')} withAsterisk {...register('name')} error={message(errors.name?.message)} />
        <Controller
          control={control}
          name="roles"
          render={({ field }) => <RolesSelect value={field.value} onChange={field.onChange} error={message(errors.roles?.message)} />}
        />
        <Controller
          control={control}
          name="departmentId"
          render={({ field }) => (
            <DepartmentSelect value={field.value} onChange={field.onChange} error={message(errors.departmentId?.message)} />
          )}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <BusyButton type="submit" loading={isSubmitting}>
            {t('common.save')}
          </BusyButton>
        </Group>
      </Stack>
    </form>
  );
}
