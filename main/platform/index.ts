export * from './app-scheme.js';
export * from './electron-host.js';
export * from './kiosk-ipc.js';
export * from './kiosk-window.js';
export * from './single-instance.js';
