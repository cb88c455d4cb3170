import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { ImportJob, StartImportQuery } from '@/api/types';
import type { FileCharset } from './file-charset';
import type { ColumnMapping, ImportEntity, ImportModeChoice, KindDefault, MatchOnChoice } from './import-fields';
import { importQueryOptions } from './get-import';

export type ImportRequest = {
  entity: ImportEntity;
  file: File;
  mapping: ColumnMapping;
  mode: ImportModeChoice;
  matchOn: MatchOnChoice;
  /** Customers only: the kind of rows that leave it empty. */
  kind?: KindDefault;
  /** Other fields' defaults (field → value), beside the kind. */
  defaults?: Record<string, string>;
  dryRun: boolean;
  /** The file's character set when it is not UTF-8 (a browser cannot declare it on the file part). */
  charset?: FileCharset;
};

/**
 * Uploads the file as multipart/form-data. The API reads the parts in order and starts staging
 * rows at the file, so the mapping goes first. `{}` lets the server detect the columns.
 */
export async function startImport(request: ImportRequest): Promise<ImportJob> {
  const form = new FormData();
  form.append('mapping', JSON.stringify(request.mapping));
  form.append('file', request.file, request.file.name);
  const query: StartImportQuery = { entity: request.entity, mode: request.mode, matchOn: request.matchOn };
  if (request.dryRun) query.dryRun = true;
  if (request.charset && request.charset !== 'utf-8') query.charset = request.charset;
  const defaults = { ...(request.entity === 'customers' && request.kind ? { kind: request.kind } : {}), ...request.defaults };
  if (Object.keys(defaults).length) query.defaults = JSON.stringify(defaults);
  const { data } = await unwrap(
    api.POST('/api/v1/imports', {
      params: { query },
      // The generated type is the raw body; FormData lets the browser set the boundary.
      body: '',
      bodySerializer: () => form,
    }),
  );
  return data;
}

export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startImport,
    onSuccess: (job) => {
      // The 202 body is the job's first state; polling carries on from it.
      queryClient.setQueryData(importQueryOptions(job.id).queryKey, job);
      return queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}
