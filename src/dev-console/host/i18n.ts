/**
 * i18next as console sets it up for plugins: namespaces fetched from
 * `/locales/resource.json?lng=<lng>&ns=<ns>`, `~` as the namespace separator, no key separator,
 * and every missing key recorded on `window.windowError`.
 */
import i18next from 'i18next';
import type { BackendModule, ReadCallback } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { recordWindowError } from './errors';

const resourceBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read: (language: string, namespace: string, callback: ReadCallback) => {
    const url = `${window.SERVER_FLAGS.basePath}locales/resource.json?lng=${encodeURIComponent(
      language,
    )}&ns=${encodeURIComponent(namespace)}`;
    fetch(url)
      .then(async (response) => {
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        callback(null, (await response.json()) as Record<string, string>);
      })
      .catch((error: unknown) => {
        callback(error instanceof Error ? error.message : String(error), false);
      });
  },
};

export const initI18n = (namespaces: string[]) =>
  i18next
    .use(resourceBackend)
    .use(initReactI18next)
    .init({
      lng: 'en',
      fallbackLng: 'en',
      load: 'languageOnly',
      ns: namespaces,
      defaultNS: namespaces[0] ?? 'translation',
      nsSeparator: '~',
      keySeparator: false,
      interpolation: { escapeValue: false },
      react: { useSuspense: true },
      saveMissing: true,
      missingKeyHandler: (lngs, ns, key) => {
        recordWindowError(
          `Missing i18n key "${key}" in namespace "${ns}" and language "${lngs.join(',')}".`,
        );
      },
    });

/** Console's `%namespace~key%` strings in extension properties, translated. */
export const translateExtensionString = (value: string): string => {
  const match = /^%(.+)%$/.exec(value);
  return match?.[1] ? i18next.t(match[1]) : value;
};
