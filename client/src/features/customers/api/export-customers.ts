import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { CustomerFilters } from './get-customers';

export type ExportProgress = { rows: number; bytes: number };

const QUOTE = 0x22;
const NEWLINE = 0x0a;

/**
 * Counts the records a CSV stream has finished: line ends outside quotes (a quoted cell may hold a line break; an
 * escaped quote "" toggles twice). Both bytes are ASCII, so they never occur inside a UTF-8 sequence.
 */
export function csvRecordCounter() {
  let quoted = false;
  let records = 0;
  return (chunk: Uint8Array) => {
    for (const byte of chunk) {
      if (byte === QUOTE) quoted = !quoted;
      else if (byte === NEWLINE && !quoted) records += 1;
    }
    return records;
  };
}

/** The file name the API gives (Content-Disposition), or a plain one. */
export function exportFileName(disposition: string | null): string {
  const match = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition) : null;
  return match ? decodeURIComponent(match[1]) : 'customers.csv';
}

function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // After the click the browser holds its own reference to the file.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/**
 * GET /exports/customers as CSV, with the list's filters (the endpoint takes the same ones; the file is in id order,
 * so the sort is not sent). Through the API client, so the bearer token goes with it (a plain link would not carry
 * it); read as a stream to report the rows as they arrive, then handed to the browser as a download. Returns the
 * number of customers in the file.
 */
export async function exportCustomers(
  { sort: _sort, ...filters }: CustomerFilters,
  onProgress: (progress: ExportProgress) => void,
  signal?: AbortSignal,
): Promise<{ rows: number; fileName: string }> {
  const query: Record<string, string | boolean> = { format: 'csv' };
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '' && value !== null) query[key] = value;
  }
  const { data, response } = await unwrap(
    api.GET('/api/v1/exports/customers', { params: { query }, parseAs: 'stream', signal }),
  );
  const fileName = exportFileName(response.headers.get('Content-Disposition'));
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  const count = csvRecordCounter();
  let records = 0;
  let bytes = 0;
  if (data) {
    const reader = (data as ReadableStream<Uint8Array<ArrayBuffer>>).getReader();
    // Stop reading at once on cancel, whether or not the fetch underneath ends the body itself.
    signal?.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true });
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.byteLength;
      records = count(value);
      // The first record is the header line.
      onProgress({ rows: Math.max(0, records - 1), bytes });
    }
  }
  signal?.throwIfAborted(); // cancelled: no file
  saveFile(new Blob(chunks, { type: 'text/csv' }), fileName);
  return { rows: Math.max(0, records - 1), fileName };
}
