import { useEffect, useState } from 'react';

type Format = (value: string) => string;

const asStored: Format = (value) => value;
let loaded: Format | null = null;
let loading: Promise<Format> | null = null;

function load(): Promise<Format> {
  loading ??= import('libphonenumber-js/min')
    .then(({ parsePhoneNumberFromString }) => {
      loaded = (value) => {
        const number = parsePhoneNumberFromString(value);
        return number?.isValid() ? number.formatInternational() : value;
      };
      return loaded;
    })
    .catch(() => {
      loading = null; // a chunk that failed to load is tried again on the next page
      return asStored;
    });
  return loading;
}

/**
 * Phones are stored in E.164 ("+48123456789") and shown grouped as their country writes them ("+48 12 345 67 89"); a
 * number the metadata does not know shows as stored. The metadata (libphonenumber-js's smallest set) loads on first use,
 * outside the first paint's bundle: until it has, numbers show as stored. Links keep the stored form (tel:).
 */
export function usePhoneFormat(): Format {
  const [format, setFormat] = useState<Format>(() => loaded ?? asStored);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    void load().then((next) => {
      if (live) setFormat(() => next);
    });
    return () => {
      live = false;
    };
  }, []);
  return format;
}
