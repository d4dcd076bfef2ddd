export * from './csp.js';
export * from './ipc-sender.js';
export * from './navigation.js';
export * from './origin.js';
export * from './permissions.js';
export * from './shortcuts.js';
export * from './web-preferences.js';
