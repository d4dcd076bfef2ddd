export * from './session-lockdown.js';
export * from './web-contents-lockdown.js';
