import type { Language } from '../../../protocol/index.js';
import type { BilingualText } from './catalogueSchema.js';

/** Catalogue texts carry both languages; screens show the visitor's. */
export const inLanguage = (text: BilingualText, language: Language): string => text[language];
