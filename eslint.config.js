import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'web/dist/**', 'node_modules/**', 'drizzle/**', 'coverage/**', 'test-results/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', performance: 'readonly', globalThis: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      // ExcelJS must come from src/lib/exceljs.ts, which fixes its streaming reader for Chinese text.
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'exceljs', message: "import ExcelJS from src/lib/exceljs.ts (it fixes the streaming reader's UTF-8 decoding)", allowTypeImports: true }] }],
    },
  },
  { files: ['src/lib/exceljs.ts'], rules: { '@typescript-eslint/no-restricted-imports': 'off' } },
  // The web app runs in the browser and follows the rules of hooks.
  { files: ['web/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended, languageOptions: { globals: { ...globals.browser } } },
);
