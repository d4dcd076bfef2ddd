import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, 'renderer');

/** Three browser apps from one tree: each is a page, sharing chunks for the call core and i18n. */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    rollupOptions: {
      input: {
        kiosk: resolve(root, 'kiosk/index.html'),
        agent: resolve(root, 'agent/index.html'),
        staff: resolve(root, 'staff/index.html'),
      },
    },
  },
});
