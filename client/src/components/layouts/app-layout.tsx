import { Anchor, AppShell, Avatar, Box, Burger, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAddressBook,
  IconBuilding,
  IconChevronDown,
  IconFileImport,
  IconForms,
  IconHistory,
  IconKey,
  IconLogout,
  IconUsers,
  IconWebhook,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, useLocation, useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { canImport, canReadAudit, hasRole, useAuth, useMe } from '@/lib/auth';
import { LanguageSelect } from './language-select';
import { ThemeToggle } from './theme-toggle';

type NavItem = { to: string; label: string; icon: ReactNode; visible: boolean };

export function AppLayout({ children, search }: { children: ReactNode; search?: ReactNode }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const { data: me } = useMe();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const isAdmin = hasRole(me, 'Admin');

  // Only modules that exist, and only those this user may use.
  const items: NavItem[] = [
    { to: paths.customers.getHref(), label: t('nav.customers'), icon: <IconAddressBook size={18} />, visible: true },
    { to: paths.imports.getHref(), label: t('nav.imports'), icon: <IconFileImport size={18} />, visible: canImport(me) },
    { to: paths.users.getHref(), label: t('nav.users'), icon: <IconUsers size={18} />, visible: isAdmin },
    { to: paths.departments.getHref(), label: t('nav.departments'), icon: <IconBuilding size={18} />, visible: isAdmin },
    { to: paths.customFields.getHref(), label: t('nav.customFields'), icon: <IconForms size={18} />, visible: isAdmin },
    { to: paths.audit.getHref(), label: t('nav.audit'), icon: <IconHistory size={18} />, visible: canReadAudit(me) },
    // Everyone may script against the API as themselves.
    { to: paths.apiTokens.getHref(), label: t('nav.apiTokens'), icon: <IconKey size={18} />, visible: true },
    { to: paths.webhooks.getHref(), label: t('nav.webhooks'), icon: <IconWebhook size={18} />, visible: isAdmin },
  ];

  const onSignOut = async () => {
    await signOut();
    navigate(paths.signIn.getHref(), { replace: true });
  };

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <Anchor href="#main" className="skip-link">
        {t('shell.skipToContent')}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNavigation')} />
            <Text fw={700} size="lg" component="span">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {search}
            <LanguageSelect />
            <ThemeToggle />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={t('shell.userMenu')} data-testid="user-menu">
                  <Group gap={6} wrap="nowrap">
                    <Avatar size="sm" radius="xl" name={me?.name ?? ''} color="initials" />
                    <Text size="sm" visibleFrom="md">
                      {me?.name}
                    </Text>
                    {/* Room for the search button on a phone; the avatar alone still opens the menu. */}
                    <Box component="span" display="flex" visibleFrom="sm">
                      <IconChevronDown size={14} aria-hidden />
                    </Box>
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me?.email}</Menu.Label>
                <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void onSignOut()}>
                  {t('shell.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('shell.mainNavigation')} component="nav">
        <ScrollArea>
          {items
            .filter((item) => item.visible)
            .map((item) => (
              <NavLink
                key={item.to}
                component={RouterNavLink}
                to={item.to}
                label={item.label}
                leftSection={item.icon}
                active={pathname === item.to || pathname.startsWith(`${item.to}/`)}
                onClick={close}
              />
            ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
