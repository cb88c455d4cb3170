import { isApiError, toCamelPath } from '@/api/problem';

/** A failed upload's problem, split by where it belongs in the wizard. */
export type ImportProblem = {
  /** file, charset, entity, mapping, matchOn, mode, defaults (any defaults.<field>). */
  fields: Partial<Record<'file' | 'charset' | 'entity' | 'mapping' | 'matchOn' | 'mode' | 'defaults', string>>;
  /** mapping.<column>: by the column's name exactly as in the file. */
  columns: Record<string, string>;
  /** Anything else, in words. */
  general: string[];
};

const known = ['file', 'charset', 'entity', 'mapping', 'matchOn', 'mode'] as const;

/** `fallback`: the words for an error that is not the API's (errorMessage's). */
export function readImportProblem(error: unknown, fallback: string): ImportProblem {
  const out: ImportProblem = { fields: {}, columns: {}, general: [] };
  if (!isApiError(error)) {
    // Not the error's own text: for a server that could not be reached it is the browser's English ("Failed to fetch").
    out.general.push(fallback);
    return out;
  }
  const raw = error.problem.errors;
  const entries = raw && typeof raw === 'object' ? Object.entries(raw as Record<string, unknown>) : [];
  for (const [key, value] of entries) {
    const message = (Array.isArray(value) ? value : [value]).map(String).join(' ');
    // Column names are kept verbatim: they are the file's headers, not API property names.
    const column = /^mapping\.(.+)$/i.exec(key);
    if (column) {
      out.columns[column[1]] = message;
      continue;
    }
    const path = toCamelPath(key);
    const field = known.find((name) => name === path);
    if (field) out.fields[field] = message;
    else if (path.startsWith('defaults')) out.fields.defaults = [out.fields.defaults, message].filter(Boolean).join(' ');
    else out.general.push(path ? `${key}: ${message}` : message);
  }
  if (!entries.length) out.general.push(error.problem.detail ?? error.problem.title ?? fallback);
  return out;
}
