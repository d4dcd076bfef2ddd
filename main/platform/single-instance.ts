import { app } from 'electron';

/**
 * One kiosk window per machine: a second launch (a double tap on the launcher, a restart script) quits at once
 * and the running instance brings its window forward.
 */
export function claimSingleInstance(onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => onSecondInstance());
  return true;
}
