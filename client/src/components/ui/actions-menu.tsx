import { ActionIcon, Menu } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import { useRef, type ReactNode } from 'react';

export type MenuAction = {
  label: string;
  icon: ReactNode;
  onSelect: () => void;
  color?: string;
  disabled?: boolean;
};

/**
 * A row's "…" menu. The menu hands the focus back to its button itself, 10 ms after it closes: an action that opens a
 * dialog lost the focus to that button, behind the dialog's overlay, once the dialog had taken it. Here the focus goes
 * back to the button before the action runs, so a dialog takes it from there and returns it there when it closes;
 * Escape still closes the menu onto its button.
 */
export function ActionsMenu({ label, actions }: { label: string; actions: MenuAction[] }) {
  const button = useRef<HTMLButtonElement>(null);
  return (
    <Menu position="bottom-end" withinPortal returnFocus={false}>
      <Menu.Target>
        <ActionIcon ref={button} variant="subtle" aria-label={label}>
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {actions.map((action) => (
          <Menu.Item
            key={action.label}
            color={action.color}
            leftSection={action.icon}
            disabled={action.disabled}
            onClick={() => {
              button.current?.focus();
              action.onSelect();
            }}
          >
            {action.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
