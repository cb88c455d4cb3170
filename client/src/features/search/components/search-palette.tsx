import { createSpotlight, Spotlight } from '@mantine/spotlight';
import { IconAddressBook, IconSearch, IconUser } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { useDebounced } from '@/lib/use-debounced';
import { useGlobalSearch } from '../api/search';

const [searchStore, search] = createSpotlight();

/** Opens the palette; it shows as soon as it is mounted if it is not yet. */
export const openSearch = search.open;

/**
 * The palette over customers and contacts: Spotlight, its modal and the search, loaded the first time it is opened
 * (GlobalSearch holds the buttons and Ctrl+K). Ctrl+K is GlobalSearch's, so Spotlight's own is off.
 */
export default function SearchPalette() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 250);
  const results = useGlobalSearch(q);
  const customers = q.length >= 2 ? (results.data?.customers ?? []) : [];
  const contacts = q.length >= 2 ? (results.data?.contacts ?? []) : [];
  const list = useRef<HTMLDivElement>(null);

  // Spotlight selects the first action when the query changes, before these results have come: select it again once
  // they are shown, as Spotlight does, so Enter opens the first result without ↓ first.
  useEffect(() => {
    const actions = list.current?.querySelectorAll('[data-action]');
    if (!actions?.length) return;
    list.current?.querySelector('[data-selected]')?.removeAttribute('data-selected');
    actions[0].setAttribute('data-selected', 'true');
    searchStore.updateState((state) => ({ ...state, selected: 0 }));
  }, [results.data, q]);

  const go = (to: string) => {
    setQuery('');
    navigate(to);
  };

  return (
    <Spotlight.Root store={searchStore} query={query} onQueryChange={setQuery} shortcut={null} clearQueryOnClose scrollable maxHeight={420}>
      <Spotlight.Search
        placeholder={t('search.placeholder')}
        aria-label={t('search.placeholder')}
        leftSection={<IconSearch size={18} aria-hidden />}
      />
      <Spotlight.ActionsList ref={list} aria-label={t('search.results')}>
        {customers.length > 0 ? (
          <Spotlight.ActionsGroup label={t('search.customers')}>
            {customers.map((customer) => (
              <Spotlight.Action
                key={customer.id}
                label={customer.name}
                description={[customer.email, t(`customers.types.${customer.type}`)].filter(Boolean).join(' · ')}
                leftSection={<IconAddressBook size={18} aria-hidden />}
                onClick={() => go(paths.customer.getHref(customer.id ?? ''))}
              />
            ))}
          </Spotlight.ActionsGroup>
        ) : null}
        {contacts.length > 0 ? (
          <Spotlight.ActionsGroup label={t('search.contacts')}>
            {contacts.map((contact) => (
              <Spotlight.Action
                key={contact.id}
                label={[contact.firstName, contact.lastName].filter(Boolean).join(' ')}
                description={[contact.jobTitle, contact.email].filter(Boolean).join(' · ')}
                leftSection={<IconUser size={18} aria-hidden />}
                onClick={() => go(paths.customer.getHref(contact.customerId ?? ''))}
              />
            ))}
          </Spotlight.ActionsGroup>
        ) : null}
        {q.length < 2 ? (
          <Spotlight.Empty>{t('search.hint')}</Spotlight.Empty>
        ) : results.isFetching && !results.data ? (
          <Spotlight.Empty>{t('common.loading')}</Spotlight.Empty>
        ) : customers.length + contacts.length === 0 ? (
          <Spotlight.Empty>{t('search.nothing')}</Spotlight.Empty>
        ) : null}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
