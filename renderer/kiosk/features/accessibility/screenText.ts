import type { Language } from '../../../../protocol/index.js';
import type { SpeechSegment } from '../../../shared/speech/speech.js';

/** Elements that end a sentence when read aloud, even when their text has no full stop. */
const BLOCKS = 'h1, h2, h3, p, li, button, dt, dd';
const ENDS_SENTENCE = /[.!?:;…]$/;

const languageOf = (element: Element | null): Language =>
  element?.closest('[lang]')?.getAttribute('lang')?.toLowerCase().startsWith('fr') ? 'fr' : 'en';

/**
 * What the read-aloud button says: the screen's heading and main text, as the visitor sees
 * them, in order. Text is read in the language it is marked with (`lang`); a bilingual screen
 * (the welcome) is read wholly in English, then wholly in French, rather than alternating.
 * Decoration hidden from screen readers (`aria-hidden`) is not read; the screen's own action
 * buttons are not read (the visitor sees them), its content is.
 */
export function screenSegments(screen: Element): SpeechSegment[] {
  const parts = [screen.querySelector('h1'), screen.querySelector('.screen-body')].filter((el): el is Element => el !== null);
  // The heading usually sits inside the body: read it once.
  const roots = parts.filter((el) => !parts.some((other) => other !== el && other.contains(el)));
  const byLanguage = new Map<Language, { segment: SpeechSegment; lastBlock: Element | null }>();
  for (const root of roots) {
    const walker = screen.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!parent || !text || parent.closest('[aria-hidden="true"]')) continue;
      const language = languageOf(parent);
      const block = parent.closest(BLOCKS);
      const entry = byLanguage.get(language);
      if (!entry) {
        byLanguage.set(language, { segment: { text, language }, lastBlock: block });
        continue;
      }
      // A new paragraph or heading without its own full stop still gets a pause.
      const pause = block !== entry.lastBlock && !ENDS_SENTENCE.test(entry.segment.text) ? '.' : '';
      entry.segment.text = `${entry.segment.text}${pause} ${text}`;
      entry.lastBlock = block;
    }
  }
  return [...byLanguage.values()].map((entry) => entry.segment);
}
