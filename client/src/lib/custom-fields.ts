// Custom field definitions are read by several features (record forms, lists, imports) and
// changed by the admin screen; all of them share this one query so a change shows everywhere.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@/api/client';
import { allPages } from '@/api/pages';
import { unwrap } from '@/api/problem';
import type { CustomField, CustomFieldEntity } from '@/api/types';
import { parseDay, useFormat } from './format';

export const customFieldsQueryKey = ['custom-fields'] as const;

/** The definitions for one record type, in the API's order (every page). */
export const customFieldsQueryOptions = (entity: CustomFieldEntity) =>
  queryOptions({
    queryKey: [...customFieldsQueryKey, 'list', entity],
    queryFn: ({ signal }) =>
      allPages(
        async (cursor) =>
          (await unwrap(api.GET('/api/v1/custom-fields', { params: { query: { entity, limit: 200, cursor } }, signal }))).data,
      ),
    staleTime: 60 * 1000,
  });

export const useCustomFields = (entity: CustomFieldEntity) => useQuery(customFieldsQueryOptions(entity));

/** A custom field value as text for lists and detail pages, formatted by the field's type. */
export function useCustomFieldFormat() {
  const { t } = useTranslation();
  const format = useFormat();
  return useCallback(
    (field: Pick<CustomField, 'type'>, value: unknown): string => {
      if (value === null || value === undefined || value === '') return '';
      switch (field.type) {
        case 'number':
          return typeof value === 'number' ? format.number(value) : String(value);
        case 'date': {
          const day = typeof value === 'string' ? parseDay(value) : null;
          return day ? format.date(day) : String(value);
        }
        case 'boolean':
          return value === true ? t('common.yes') : value === false ? t('common.no') : String(value);
        case 'multiChoice':
          return Array.isArray(value) ? value.map(String).join(', ') : String(value);
        default:
          return String(value);
      }
    },
    [t, format],
  );
}
