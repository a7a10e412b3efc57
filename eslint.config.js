// Lint: ESLint's and typescript-eslint's recommended rules over the sources, tests and scripts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-test/**', 'demo-output/**', 'bench-output/**', 'node_modules/**', 'src/core/blockpage/signatures.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.webextensions } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Sanitisers and XML writers strip control characters on purpose.
      'no-control-regex': 'off',
      // Search folds zero-width joiners (ZWNJ/ZWJ) on purpose: Persian writes them inside words.
      'no-misleading-character-class': 'off',
      // `let x = null` before a try/catch that assigns it is the clearer form here.
      'no-useless-assignment': 'off',
    },
  },
);
