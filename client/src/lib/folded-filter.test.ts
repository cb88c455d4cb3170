import { describe, expect, it } from 'vitest';
import { fold, foldedFilter } from './folded-filter';

const people = [
  { value: '1', label: 'Łukasz Żółć' },
  { value: '2', label: 'Γιώργος Παπαδόπουλος' },
  { value: '3', label: 'João Gonçalves' },
  { value: '4', label: 'Jordi Puigdemont i Serra' },
];
const find = (search: string) => foldedFilter({ options: people, search, limit: Infinity }).map((item) => ('label' in item ? item.label : ''));

describe('foldedFilter', () => {
  it('finds names whatever the case and accents typed', () => {
    expect(find('lukasz')).toEqual(['Łukasz Żółć']);
    expect(find('ZOLC')).toEqual(['Łukasz Żółć']);
    expect(find('γιωργος')).toEqual(['Γιώργος Παπαδόπουλος']);
    expect(find('ΓΙΩΡΓΟΣ')).toEqual(['Γιώργος Παπαδόπουλος']);
    expect(find('goncalves')).toEqual(['João Gonçalves']);
    expect(find('  serra ')).toEqual(['Jordi Puigdemont i Serra']);
    expect(find('')).toHaveLength(4);
    expect(find('nobody')).toEqual([]);
  });

  it('keeps groups with a match and the limit', () => {
    const grouped = [{ group: 'Sales', items: people }];
    expect(foldedFilter({ options: grouped, search: 'joao', limit: Infinity })).toEqual([{ group: 'Sales', items: [people[2]] }]);
    expect(foldedFilter({ options: people, search: 'o', limit: 2 })).toHaveLength(2);
  });

  it('folds Catalan, Polish and Greek letters to their base', () => {
    expect(fold('Cal Pagès Cel·lers')).toBe('cal pages cellers');
    expect(fold('Łódź')).toBe('lodz');
    expect(fold('Αθηναϊκή')).toBe('αθηναικη');
  });
});
