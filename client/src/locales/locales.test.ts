import { describe, expect, it } from 'vitest';

type Tree = { [key: string]: string | Tree };

const locales = import.meta.glob<Tree>('./*/translation.json', { eager: true, import: 'default' });

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else Object.assign(out, flatten(value, path));
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const byLanguage = Object.fromEntries(
  Object.entries(locales).map(([file, tree]) => [file.split('/')[1], flatten(tree)]),
);
const en = byLanguage.en;

describe('translations', () => {
  it('has the five languages', () => {
    expect(Object.keys(byLanguage).sort()).toEqual(['ca', 'el', 'en', 'pl', 'pt']);
  });

  describe.each(['pt', 'ca', 'pl', 'el'])('%s', (language) => {
    const strings = byLanguage[language];

    it('has exactly the keys of English', () => {
      expect(Object.keys(strings).sort()).toEqual(Object.keys(en).sort());
    });

    it('has no empty values', () => {
      const empty = Object.entries(strings).filter(([, value]) => value.trim() === '');
      expect(empty).toEqual([]);
    });

    it('keeps every {{placeholder}} of English', () => {
      const mismatched = Object.keys(en).filter(
        (key) => key in strings && placeholders(strings[key]).join() !== placeholders(en[key]).join(),
      );
      expect(mismatched).toEqual([]);
    });
  });

  it('English has no empty values', () => {
    expect(Object.entries(en).filter(([, value]) => value.trim() === '')).toEqual([]);
  });
});
