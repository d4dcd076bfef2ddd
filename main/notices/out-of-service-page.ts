import { NOTICE_LANGUAGES, NOTICE_STRINGS, bothLanguages, type NoticeKey } from './strings.js';

/** White on near-black: about 19:1, well above WCAG AAA (7:1), readable across a room. */
export const PAGE_BACKGROUND = '#111111';
export const PAGE_TEXT = '#ffffff';

/** Its stylesheet, a separate file on the app origin so the page does not rely on `style-src 'unsafe-inline'`. */
export const OUT_OF_SERVICE_STYLESHEET = `html, body { margin: 0; height: 100%; background: ${PAGE_BACKGROUND}; color: ${PAGE_TEXT}; }
body { font-family: system-ui, "Noto Sans", "DejaVu Sans", sans-serif; text-align: center; cursor: default; user-select: none; }
main { display: flex; align-items: center; justify-content: center; gap: 6vw; min-height: 100%; padding: 4vw; box-sizing: border-box; }
section { flex: 1 1 0; }
section + section { border-left: 0.3rem solid ${PAGE_TEXT}; padding-left: 6vw; }
h1 { font-size: clamp(2.5rem, 6vw, 6rem); margin: 0 0 1.5rem; }
p { font-size: clamp(1.75rem, 3.5vw, 3.5rem); margin: 0; line-height: 1.3; }
@media (orientation: portrait) {
  main { flex-direction: column; }
  section { flex: 0 0 auto; }
  section + section { border-left: none; padding-left: 0; border-top: 0.3rem solid ${PAGE_TEXT}; padding-top: 6vw; }
}
`;

/**
 * The static page shown when the kiosk app keeps crashing. No script, no React, nothing from dist/renderer:
 * it is what the visitor sees when the app itself is broken. The app:// handler serves it and its
 * stylesheet from memory with the kiosk CSP.
 */
export function outOfServicePageHtml(stylesheetPath: string): string {
  return noticePageHtml(stylesheetPath, 'outOfServiceTitle', 'outOfServiceBody');
}

/** The same static, bilingual, script-free page with another title and sentence (the enrolment notices). */
export function noticePageHtml(stylesheetPath: string, title: NoticeKey, body: NoticeKey): string {
  const sections = NOTICE_LANGUAGES.map(
    (lang) => `      <section lang="${lang}">
        <h1>${NOTICE_STRINGS[lang][title]}</h1>
        <p>${NOTICE_STRINGS[lang][body]}</p>
      </section>`,
  ).join('\n');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${bothLanguages(title)}</title>
    <link rel="stylesheet" href="${stylesheetPath}">
  </head>
  <body>
    <main>
${sections}
    </main>
  </body>
</html>
`;
}
