import { NOTICE_STRINGS, bothLanguages } from './strings.js';

/**
 * The error dialog when the kiosk cannot start: what happened in English and French for whoever stands in
 * front of the screen, then the technical message (which names the file and the bad field) for the
 * installer. The technical message stays in English: it is a log line, also written to stderr.
 */
export function badConfigDialog(technicalMessage: string): { title: string; content: string } {
  const { en, fr } = NOTICE_STRINGS;
  return {
    title: bothLanguages('badConfigTitle'),
    content: [en.badConfigBody, fr.badConfigBody, '', `${en.badConfigDetail} / ${fr.badConfigDetail}`, technicalMessage].join('\n'),
  };
}
