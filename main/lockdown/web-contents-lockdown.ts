import type { App, Event, WebContents } from 'electron';
import type { Logger } from '../log/logger.js';
import { decideWindowOpen, isNavigationAllowed } from '../security/navigation.js';
import { originOf } from '../security/origin.js';

export type GuardableWebContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Keeps one web contents on the app origin: no navigation away, no redirect away, no new window, no <webview>. */
export function guardWebContents(contents: GuardableWebContents, appOrigin: string, log: Logger): void {
  const blockForeign = (kind: string) => (event: Event<{ url: string }>) => {
    if (isNavigationAllowed(event.url, appOrigin)) return;
    event.preventDefault();
    // The origin is enough to diagnose; a full URL could carry a visitor's data.
    log.warn(`${kind} blocked`, { origin: originOf(event.url) });
  };
  contents.on('will-navigate', blockForeign('navigation'));
  // Subframes too: an iframe must not be steered elsewhere either.
  contents.on('will-frame-navigate', blockForeign('frame navigation'));
  contents.on('will-redirect', blockForeign('redirect'));
  contents.setWindowOpenHandler(() => {
    log.warn('window.open blocked');
    return decideWindowOpen();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview blocked');
  });
}

/** Applies guardWebContents to every web contents the app ever creates, including ones we did not create ourselves. */
export function guardAllWebContents(app: Pick<App, 'on'>, appOrigin: string, log: Logger): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, appOrigin, log));
}
