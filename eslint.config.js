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
  // The layering docs/ARCHITECTURE.md promises. Use cases decide; repositories own SQL; the
  // domain is pure (no files, no database, no clock: dates are passed in).
  {
    files: ['src/use-cases/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [
          { name: 'exceljs', message: "import ExcelJS from src/lib/exceljs.ts (it fixes the streaming reader's UTF-8 decoding)", allowTypeImports: true },
          { name: 'drizzle-orm', message: 'use cases do not build SQL: put the query in a repository (src/db/repositories/)' },
        ],
        patterns: [
          { group: ['**/server/**'], message: 'use cases do not import the HTTP layer: authorization lives in src/domain/access/' },
          { group: ['**/db/schema/**', 'drizzle-orm/*'], message: 'use cases do not touch tables: put the query in a repository (src/db/repositories/)' },
        ],
      }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/domain/**/test-*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [
          { name: 'exceljs', message: 'the domain reads no files' },
          { name: 'pg', message: 'the domain has no database' },
          { name: 'drizzle-orm', message: 'the domain has no database' },
          { name: '@electric-sql/pglite', message: 'the domain has no database' },
          { name: 'node:fs', message: 'the domain reads no files: file readers live in src/io/' },
          { name: 'node:fs/promises', message: 'the domain reads no files: file readers live in src/io/' },
          { name: 'fs', message: 'the domain reads no files: file readers live in src/io/' },
        ],
        patterns: [
          { group: ['**/db/**', '**/server/**', '**/use-cases/**', '**/cli/**', '**/io/**', '**/lib/exceljs*'], message: 'the domain depends on nothing outside it' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'the domain has no clock: pass the date in' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'the domain has no clock: pass the date in' },
        { selector: "MemberExpression[object.name='process']", message: 'the domain reads no environment: pass settings in' },
      ],
    },
  },
  // The web app runs in the browser and follows the rules of hooks.
  { files: ['web/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended, languageOptions: { globals: { ...globals.browser } } },
);
