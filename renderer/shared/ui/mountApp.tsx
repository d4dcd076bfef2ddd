import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { i18n } from 'i18next';
import { preloadPeer } from '../call/peerActor.js';
import { SpeechContext } from '../speech/SpeechContext.js';
import { silentSpeech, type Speech } from '../speech/speech.js';

export interface MountOptions {
  i18n: i18n;
  /** The app's voice; silent unless the app reads aloud (the kiosk). */
  speech?: Speech;
  /** For the error message when the page's HTML lost its root element. */
  page: string;
}

/**
 * Renders an app into #root with what every screen relies on (strings, voice, strict mode),
 * then fetches the WebRTC chunk while the person reads the first screens; a failure there
 * shows up at call time, not now.
 */
export function mountApp({ i18n, speech = silentSpeech, page }: MountOptions, app: ReactNode): void {
  const container = document.getElementById('root');
  if (!container) throw new Error(`#root is missing from ${page}`);
  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <SpeechContext.Provider value={speech}>{app}</SpeechContext.Provider>
      </I18nextProvider>
    </StrictMode>,
  );
  preloadPeer().catch(() => {});
}
