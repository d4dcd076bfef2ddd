export * from './domain.js';
export * from './errors.js';
export * from './messages.js';
export * from './parse.js';
export * from './version.js';
export * from './inCall.js';
export * from './callbacks.js';
export * from './enrolment.js';
