import { describe, expect, it } from 'vitest';
import pl from '@/locales/pl/translation.json';
import { i18n, oneFullStop } from './i18n';

describe('oneFullStop', () => {
  it('ends a sentence that ends with a name with one full stop, in whatever language', async () => {
    i18n.addResourceBundle('pl', 'translation', pl, true, true);
    const t = i18n.getFixedT('pl');
    expect(t('customers.form.saved', { name: 'Zakład Łódzki Żółć Sp. z o.o.' })).toBe('Zapisano: Zakład Łódzki Żółć Sp. z o.o.');
    expect(t('customers.form.saved', { name: 'Zakład Łódzki' })).toBe('Zapisano: Zakład Łódzki.');
  });

  it('leaves an ellipsis and text without a doubled stop alone', () => {
    const process = (text: string) => oneFullStop.process(text, [], {}, i18n);
    expect(process('Wait...')).toBe('Wait...');
    expect(process('Nome: Foo....')).toBe('Nome: Foo....');
    expect(process('Done.')).toBe('Done.');
    expect(process('Αποθηκεύτηκε: Α.Ε..')).toBe('Αποθηκεύτηκε: Α.Ε.');
  });
});
