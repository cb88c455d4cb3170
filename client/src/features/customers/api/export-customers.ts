import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { env } from '@/config/env';
import type { CustomerFilters } from './get-customers';

/**
 * A single-use download link (POST /exports/customers/links) to the CSV of the list's filters: the endpoint takes the
 * same ones, and the file is in id order, so the sort is not sent. The link needs no bearer token, so the browser can
 * fetch it itself (see startDownload). Refusals (400, 403, 503 with Retry-After) throw the API's problem.
 */
export async function createCustomersExportLink({ sort: _sort, ...filters }: CustomerFilters): Promise<{ url: string; expiresAt: string }> {
  const query: Record<string, string | boolean> = { format: 'csv' };
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '' && value !== null) query[key] = value;
  }
  const { data } = await unwrap(api.POST('/api/v1/exports/customers/links', { params: { query } }));
  return data;
}

/**
 * Hands a download link to the browser, as a click on an <a download>: the browser streams the file to disk with its
 * own progress (and can resume or cancel it), nothing of it passes through this tab, and the page stays where it is.
 * The API names the file (Content-Disposition).
 */
export function startDownload(url: string) {
  const link = document.createElement('a');
  link.href = new URL(url, env.apiOrigin).href;
  link.download = '';
  link.rel = 'noreferrer';
  document.body.append(link);
  link.click();
  link.remove();
}
