import type { Language } from '../../../protocol/index.js';

/** One stretch of text in one language: a bilingual screen is read as several. */
export interface SpeechSegment {
  text: string;
  language: Language;
}

/** What the kiosk asks of a voice: say this, or be quiet now. Injected, so tests can listen in. */
export interface Speech {
  /** Whether the host can speak at all; without it the read-aloud button is not shown. */
  readonly available: boolean;
  /** Stops anything still being said, then says the segments in order. */
  speak(segments: readonly SpeechSegment[]): void;
  cancel(): void;
}

/** Canadian voices where the system has them: the kiosk serves Canadian English and French. */
export const SPEECH_LANG: Record<Language, string> = { en: 'en-CA', fr: 'fr-CA' };

/** The parts of the Web Speech API used here, so the engine can be tested without a browser. */
export interface SpeechHost {
  speechSynthesis?: { speak(utterance: UtteranceLike): void; cancel(): void } | undefined;
  SpeechSynthesisUtterance?: (new (text: string) => UtteranceLike) | undefined;
}
export interface UtteranceLike {
  lang: string;
}

export const silentSpeech: Speech = { available: false, speak: () => {}, cancel: () => {} };

/** The browser's (and Electron's) own speech synthesis; silent where the host has none. */
export function createWebSpeech(host: SpeechHost): Speech {
  const synth = host.speechSynthesis;
  const Utterance = host.SpeechSynthesisUtterance;
  if (!synth || !Utterance) return silentSpeech;
  return {
    available: true,
    speak(segments) {
      synth.cancel();
      for (const { text, language } of segments) {
        if (!text.trim()) continue;
        const utterance = new Utterance(text);
        utterance.lang = SPEECH_LANG[language];
        synth.speak(utterance);
      }
    },
    cancel: () => synth.cancel(),
  };
}
