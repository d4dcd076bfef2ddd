export * from './kiosk-config.js';
export * from './load-config.js';
