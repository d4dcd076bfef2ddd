/** The options every kiosk BrowserWindow gets. A plain object so tests can assert each value. */
export interface KioskWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  spellcheck: false;
  navigateOnDragDrop: false;
  disableBlinkFeatures: 'Auxclick';
  devTools: boolean;
  autoplayPolicy: 'no-user-gesture-required';
}

export interface WebPreferencesInput {
  preloadPath: string;
  /** app.isPackaged */
  isPackaged: boolean;
  /** process.env.NODE_ENV */
  nodeEnv: string | undefined;
}

/** DevTools are a way out of the kiosk: only in an unpackaged, non-production run. */
export function devToolsAllowed({ isPackaged, nodeEnv }: Pick<WebPreferencesInput, 'isPackaged' | 'nodeEnv'>): boolean {
  return !isPackaged && nodeEnv !== 'production';
}

export function createWebPreferences(input: WebPreferencesInput): KioskWebPreferences {
  return {
    preload: input.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    // A file dropped on the window would otherwise navigate to it.
    navigateOnDragDrop: false,
    // A middle click would otherwise open a link in a new window, around our window-open handler.
    disableBlinkFeatures: 'Auxclick',
    devTools: devToolsAllowed(input),
    // The agent's video and the attract loop must play without a tap.
    autoplayPolicy: 'no-user-gesture-required',
  };
}
