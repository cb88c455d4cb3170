import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { isApiError } from '@/api/problem';
import { BusyButton } from '@/components/ui/busy-button';
import { applyProblemToForm } from '@/lib/form-errors';

const schema = z.object({
  email: z.email('validation.email'),
  password: z.string().check(z.minLength(1, 'validation.required')),
});

type Values = z.infer<typeof schema>;

export function SignInForm({ onSignIn }: { onSignIn: (email: string, password: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { email: '', password: '' },
  });
  const { errors, isSubmitting } = formState;
  const message = (text?: string) => (text ? (text.startsWith('validation.') ? t(text) : text) : undefined);

  const submit = handleSubmit(async ({ email, password }) => {
    try {
      await onSignIn(email, password);
    } catch (error) {
      if (isApiError(error, 401) || isApiError(error, 403)) setFailure(t('signIn.invalid'));
      else if (isApiError(error, 429)) setFailure(t('signIn.tooMany'));
      else if (isApiError(error, 400) && applyProblemToForm(error, setError, ['email', 'password']).length === 0) return;
      else setFailure(isApiError(error) ? (error.problem.title ?? t('errors.unexpected')) : t('errors.network'));
    }
  });

  return (
    // The server's answer is about what was sent: gone once the user edits or submits again, not left beside a new
    // check's message ("Enter a valid email address.") as if both were about the current values.
    <form
      onSubmit={(event) => {
        setFailure(null);
        void submit(event);
      }}
      onChange={() => setFailure(null)}
      noValidate
      aria-label={t('signIn.title')}
    >
      <Stack>
        {failure ? (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert">
            {failure}
          </Alert>
        ) : null}
        <TextInput
          label={t('signIn.email')}
          type="email"
          autoComplete="username"
          required
          {...register('email')}
          error={message(errors.email?.message)}
        />
        <PasswordInput
          label={t('signIn.password')}
          autoComplete="current-password"
          required
          {...register('password')}
          error={message(errors.password?.message)}
        />
        <BusyButton type="submit" loading={isSubmitting} fullWidth>
          {t('signIn.submit')}
        </BusyButton>
      </Stack>
    </form>
  );
}
