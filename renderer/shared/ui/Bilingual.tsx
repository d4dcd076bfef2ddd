import { Fragment } from 'react';
import type { Language } from '../../../protocol/index.js';

const BOTH = ['en', 'fr'] as const satisfies readonly Language[];

export interface BilingualProps {
  /** The text in one language, e.g. `(lng) => t('greeting', { lng })`. */
  text: (language: Language) => string;
  /** `p` for paragraphs; `span` (the default) inside headings and buttons. */
  as?: 'span' | 'p';
  /** A visual " / " between the two, hidden from screen readers (they hear each part in its own voice). */
  separator?: boolean;
}

/**
 * Before the visitor chooses a language, text is shown in both, English first, each part
 * marked with its `lang` so screen readers and the read-aloud voice pronounce it correctly.
 */
export function Bilingual({ text, as: Tag = 'span', separator = false }: BilingualProps) {
  return (
    <>
      {BOTH.map((language, i) => (
        <Fragment key={language}>
          {/* Punctuation, not words: nothing to translate. */}
          {separator && i > 0 ? <span aria-hidden="true"> / </span> : null}
          <Tag lang={language}>{text(language)}</Tag>
        </Fragment>
      ))}
    </>
  );
}
