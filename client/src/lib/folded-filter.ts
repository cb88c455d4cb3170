// Picking from a list by typing, the way the API's ?q= searches: without regard to case or accents.
import type { ComboboxItem, ComboboxParsedItem, OptionsFilter } from '@mantine/core';

/** Letters that carry no separable accent, so NFD leaves them as they are; ς is σ at a word's end. */
const BASE_LETTERS: Record<string, string> = { ł: 'l', đ: 'd', ø: 'o', ß: 'ss', ı: 'i', ς: 'σ', æ: 'ae', œ: 'oe', '·': '' };

/** "Łódź" → "lodz", "Αθήνα" → "αθηνα", "ΓΙΏΡΓΟΣ" → "γιωργοσ", "Cel·lers" → "cellers". */
export const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łđøßıςæœ·]/g, (letter) => BASE_LETTERS[letter]);

/**
 * A Select's filter that finds "Łukasz Żółć" by "lukasz zolc" and "Γιώργος" by "γιωργος": Mantine's own compares in
 * lower case only, so someone without Polish or Greek keys (or who types without accents, as most do) found no one.
 */
export const foldedFilter: OptionsFilter = ({ options, search, limit }) => {
  const wanted = fold(search.trim());
  const matches = (item: ComboboxItem) => fold(item.label).includes(wanted);
  const found = options.flatMap((item): ComboboxParsedItem[] => {
    if (!('group' in item)) return matches(item) ? [item] : [];
    const items = item.items.filter(matches);
    return items.length ? [{ ...item, items }] : [];
  });
  return limit ? found.slice(0, limit) : found;
};
