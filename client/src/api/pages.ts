// Lists in the API are keyset-paginated ({ items, nextCursor }); some screens need the whole list at once
// (choices in a select, a settings table of a few dozen rows).

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

/** Every item of a paginated list: asks for page after page until nextCursor is null. */
export async function allPages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
