import { ActionIcon, Button, Kbd, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';

// The palette (Spotlight, a modal, the results) is loaded when first opened: a page's first paint needs only the buttons.
const loadPalette = () => import('./search-palette');
const SearchPalette = lazy(loadPalette);

/** Ctrl+K (Cmd+K) palette over customers and contacts. */
export function GlobalSearch() {
  const { t } = useTranslation();
  const [used, setUsed] = useState(false);
  const open = () => {
    setUsed(true);
    void loadPalette().then((palette) => palette.openSearch());
  };
  useHotkeys([['mod + K', open]]);

  return (
    <>
      <Button
        variant="default"
        onClick={open}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={<Kbd size="xs">Ctrl K</Kbd>}
        aria-label={t('search.open')}
        aria-keyshortcuts="Control+K"
        visibleFrom="sm"
        data-testid="global-search"
      >
        <Text size="sm" c="dimmed">
          {t('search.button')}
        </Text>
      </Button>
      {/* On a phone the header has no room for the wide button, and no keyboard for Ctrl+K. */}
      <ActionIcon
        variant="default"
        size="lg"
        onClick={open}
        aria-label={t('search.open')}
        hiddenFrom="sm"
        data-testid="global-search-icon"
      >
        <IconSearch size={18} aria-hidden />
      </ActionIcon>
      {used ? (
        <Suspense fallback={null}>
          <SearchPalette />
        </Suspense>
      ) : null}
    </>
  );
}
