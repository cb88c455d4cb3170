import { Alert, Text } from '@mantine/core';

/** Why a form's submit failed, above its buttons, one message a line; nothing when it did not. */
export function FormFailure({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <Alert color="red" role="alert">
      {messages.map((text) => (
        <Text key={text} size="sm">
          {text}
        </Text>
      ))}
    </Alert>
  );
}
