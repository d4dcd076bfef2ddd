export * from './keyboard-lockdown.js';
export * from './session-lockdown.js';
export * from './web-contents-lockdown.js';
