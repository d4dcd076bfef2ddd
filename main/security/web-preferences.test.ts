import { describe, expect, it } from 'vitest';
import { createWebPreferences } from './web-preferences.js';

describe('createWebPreferences', () => {
  const prefs = createWebPreferences({ preloadPath: '/app/dist/main/preload.cjs', isPackaged: true, nodeEnv: 'production' });

  it('locks the renderer down', () => {
    expect(prefs).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
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
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      autoplayPolicy: 'no-user-gesture-required',
    });
  });

  it('sets nothing that widens access (no enableBlinkFeatures, no additionalArguments)', () => {
    expect(Object.keys(prefs)).not.toContain('enableBlinkFeatures');
    expect(Object.keys(prefs)).not.toContain('additionalArguments');
  });

  it.each([
    { isPackaged: true, nodeEnv: undefined, devTools: false },
    { isPackaged: true, nodeEnv: 'development', devTools: false },
    { isPackaged: false, nodeEnv: 'production', devTools: false },
    { isPackaged: false, nodeEnv: undefined, devTools: true },
    { isPackaged: false, nodeEnv: 'development', devTools: true },
  ])('devTools with packaged=$isPackaged NODE_ENV=$nodeEnv → $devTools', ({ isPackaged, nodeEnv, devTools }) => {
    expect(createWebPreferences({ preloadPath: 'p', isPackaged, nodeEnv }).devTools).toBe(devTools);
  });
});
