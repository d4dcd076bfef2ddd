import i18next, { type i18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../protocol/index.js';

/**
 * One i18next instance per app, initialised synchronously from bundled resources.
 * No language detection: a shared kiosk must not guess from the last visitor or the OS;
 * the visitor chooses, and the app sets the language explicitly.
 */
export function createI18n(resources: Record<Language, Resource[string]>, language: Language = 'en'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { en: resources.en, fr: resources.fr },
    lng: language,
    fallbackLng: false,
    defaultNS: 'common',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    showSupportNotice: false, // no vendor message in a government console
  });
  return instance;
}

/** Switches the strings and the document language together, so screen readers pronounce the right language. */
export function applyLanguage(instance: i18n, language: Language, documentElement: { lang: string } = document.documentElement): void {
  void instance.changeLanguage(language);
  documentElement.lang = language;
}
