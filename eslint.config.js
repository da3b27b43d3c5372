// ESLint for the bridge, the packages, e2e and bench: typescript-eslint's recommended rules. The web
// app has its own config (apps/web/eslint.config.js) with React's hooks rules.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist', 'apps/web/**', 'e2e/.cache', 'e2e/artifacts', 'bench-results'] },
  {
    files: ['**/*.{ts,mjs,js}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: globals.node },
    // A leading underscore marks a parameter a signature needs but the body does not use.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
  },
);
