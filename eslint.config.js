// Lint is one of the mechanical boundaries: a wrong import between runtimes fails here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';
import { builtinModules } from 'node:module';
import globals from 'globals';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Paths each runtime must never import, with the reason shown to the developer. */
const forbid = (names, message) => names.map((name) => ({ name, message }));

export default tseslint.config(
  {
    ignores: ['dist/**', '.tsbuild/**', 'node_modules/**', 'data/**', 'bench/results/**', 'screenshots/**', 'test-results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // protocol/: the contract. Imports zod and its own files, nothing else of ours, no DOM, no Node.
    files: ['protocol/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...forbid(nodeBuiltins, 'protocol/ runs everywhere: no Node modules.'), ...forbid(['electron', 'react'], 'protocol/ imports nothing runtime-specific.')],
          patterns: [{ group: ['../*', '**/signaling-server/**', '**/main/**', '**/renderer/**'], message: 'protocol/ imports nothing of ours.' }],
        },
      ],
    },
  },
  {
    // renderer/: browser only. It may take the preload's *type*, never its code.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, i18next },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Every visible string lives in the i18n resources: text in JSX and the attributes people read or hear.
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': { include: ['alt', 'title', 'placeholder', 'label', 'aria-label', 'aria-description', 'aria-valuetext'] },
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...forbid(nodeBuiltins, 'The renderer is sandboxed: no Node modules.'), ...forbid(['electron'], 'The renderer reaches Electron only through window.kiosk.')],
          patterns: [
            { group: ['**/signaling-server/**'], message: 'The renderer talks to the server over the protocol only.' },
            { group: ['**/main/**'], allowTypeImports: true, message: 'The renderer may import the preload API type only.' },
          ],
        },
      ],
    },
  },
  {
    // main/: only platform/, lockdown/ and preload/ touch electron, so the rest runs in plain Node tests.
    files: ['main/**/*.ts'],
    ignores: ['main/platform/**', 'main/lockdown/**', 'main/preload/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: forbid(['electron'], 'Only main/platform, main/lockdown and main/preload import electron.'),
          patterns: [{ group: ['**/renderer/**', '**/signaling-server/**'], message: 'main/ does not import other runtimes.' }],
        },
      ],
    },
  },
  {
    files: ['signaling-server/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: forbid(['electron', 'react'], 'The server is plain Node.'),
          patterns: [{ group: ['**/renderer/**', '**/main/**'], message: 'The server talks to clients over the protocol only.' }],
        },
      ],
    },
  },
  {
    // The code every connection and message goes through.
    files: ['signaling-server/src/{connection,handlers,queue,switchboard}/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ObjectExpression[properties.length>1][properties.0.type='SpreadElement']",
          message:
            'On Node 20 (V8 11.3) an object literal that starts with a spread and has more after it goes to the old generation, referred to or not: use Object.assign({}, a, b) or list the fields (docs/decisions.md).',
        },
      ],
    },
  },
);
