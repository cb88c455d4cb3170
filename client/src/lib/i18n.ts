import i18n, { type BackendModule, type PostProcessorModule, type ResourceKey } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from '@/locales/en/translation.json';

export const languages = [
  { code: 'en', label: 'English' },
  { code: 'pt', label: 'Português' },
  { code: 'ca', label: 'Català' },
  { code: 'pl', label: 'Polski' },
  { code: 'el', label: 'Ελληνικά' },
] as const;

export type LanguageCode = (typeof languages)[number]['code'];

// English ships with the app; the others load on demand as their own small chunks.
const loaders = import.meta.glob<{ default: ResourceKey }>([
  '../locales/*/translation.json',
  '!../locales/en/translation.json',
]);

const lazyLocales: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    const load = loaders[`../locales/${language}/translation.json`];
    if (!load) return callback(null, {});
    load().then(
      (module) => callback(null, module.default),
      (error: Error) => callback(error, null),
    );
  },
};

/**
 * A sentence that ends with a name ("Zapisano: {{name}}.") ends with one full stop when the name has its own
 * ("Sp. z o.o."), not two. An ellipsis ("...") is left as it is.
 */
export const oneFullStop: PostProcessorModule = {
  type: 'postProcessor',
  name: 'oneFullStop',
  process: (value: string) => value.replace(/([^.])\.\.$/, '$1.'),
};

void i18n
  .use(lazyLocales)
  .use(oneFullStop)
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en } },
    partialBundledLanguages: true,
    supportedLngs: languages.map((l) => l.code),
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: 'crm.language',
      caches: ['localStorage'],
    },
    interpolation: { escapeValue: false },
    postProcess: ['oneFullStop'],
    returnNull: false,
    showSupportNotice: false,
  });

const syncDocumentLanguage = (lng: string) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
};
i18n.on('languageChanged', syncDocumentLanguage);
syncDocumentLanguage(i18n.resolvedLanguage ?? 'en');

export { i18n };
