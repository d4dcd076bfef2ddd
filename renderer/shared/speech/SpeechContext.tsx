import { createContext, useContext } from 'react';
import { silentSpeech, type Speech } from './speech.js';

/** The app's voice, provided once at the root (main.tsx) so screens and tests can swap it. */
export const SpeechContext = createContext<Speech>(silentSpeech);

export const useSpeech = (): Speech => useContext(SpeechContext);
