import { useMutation } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

/**
 * Fetches the rejected rows through the API client, so the bearer token goes with it (a plain
 * link would not carry it), then hands the CSV to the browser as a download.
 */
export async function downloadImportErrors(id: string): Promise<void> {
  const { data } = await unwrap(
    api.GET('/api/v1/imports/{id}/errors', { params: { path: { id } }, parseAs: 'blob' }),
  );
  const url = URL.createObjectURL(data);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = `import-${id}-rejected.csv`;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // After the click the browser holds its own reference to the file.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

export const useDownloadImportErrors = () => useMutation({ mutationFn: downloadImportErrors });
