export * from './bad-config-dialog.js';
export * from './out-of-service-page.js';
export * from './strings.js';
export * from './notice-pages.js';
