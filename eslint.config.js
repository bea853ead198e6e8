// ESLint over the TypeScript sources, with typescript-eslint's type-checked recommended rules.
// `npm run lint:code` runs it, and `npm test` runs that. Each exception names its area and why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bin/**'] },
  {
    files: ['{engine,lab,demo,bench,test}/**/*.{ts,cts}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A leading underscore marks a value left out on purpose (`const { status: _status, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The code-cache loader is CommonJS on purpose: it loads before any ES module does.
    files: ['engine/code-cache/**/*.cts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // A module's check and apply, and the tests' fakes, implement async interfaces; `async` keeps
    // a throw a rejected promise even where the body has nothing to await.
    files: ['engine/modules/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // The stand-ins and role tests print fields of parsed YAML and JSON, typed unknown; the rule
    // takes `value ?? ''` on unknown for an object.
    files: ['lab/doubles/**/*.ts', 'test/roles/**/*.ts'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
);
