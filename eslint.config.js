// @ts-check
// The linter: typescript-eslint with type information, for the rules that catch real bugs in async middy
// and fp-ts code. Why this tool (and Prettier beside it, not Biome): CONTRIBUTING.md, "Lint and format".
// No rule here is about layout: formatting is Prettier's (.prettierrc.json), checked by the same `npm run lint`.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  // What .gitignore keeps out (dist, docs/api, coverage, .ci-out, .bench-out) and the tests' scratch folders.
  { ignores: ['**/dist/**', 'docs/api/**', '**/node_modules/**', 'coverage/**', '.ci-out/**', '.bench-out/**', '**/.run-*/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // One program for the whole tree: the root tsconfig.json covers src, middlewares, bench, test and the examples,
      // and resolves `firehose-kit` to the sources (customConditions: source), so linting needs no build.
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Kept from recommendedTypeChecked and worth the most here: no-floating-promises, no-misused-promises,
      // await-thenable, only-throw-error, no-base-to-string, restrict-template-expressions, unbound-method.
      // Added: a switch over a union (message types, outcomes) without `default` must name every member, and a
      // promise returned inside try/catch/finally must be awaited, or the catch and finally never see it settle.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/no-deprecated': 'error',
      // `interface CustomEvent extends t.TypeOf<typeof CustomEvent> {}` gives a decoded type its own name in
      // compiler errors instead of its whole inlined shape: an empty interface with one `extends` is on purpose.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // `_name` marks a parameter a signature needs and the body does not (classifyNetworkError's `_error`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // An abort reason or a caught error is `unknown` and is passed on as it came (fetch rejects with
      // `signal.reason`); a literal string or a plain object is still reported.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],

      // Off, with the reason:
      // - an async method that does not await implements a Promise-returning interface (CheckpointStore, fetch stubs);
      //   the compiler already checks the return type.
      '@typescript-eslint/require-await': 'off',
      // - `any` is deliberate at a few edges (codec internals in src/schema/codec.ts, middy's generic MiddlewareObj,
      //   JSON.parse in tests), and io-ts decodes every message at the boundary. The no-unsafe-* family reports
      //   260 uses of those values, most in tests of JSON answers; what it would add over `strict` is not worth it.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // - hygiene with an autofix (123 places across the tree): turn it on in one commit, with
      //   `npx eslint --fix --rule '{"@typescript-eslint/no-unnecessary-type-assertion": "error"}' .`, once the
      //   layout of issue 10 has landed, so that the fix does not conflict with the move.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // Plain JavaScript (bin/, this file) is outside tsconfig.json: syntax rules only.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', Buffer: 'readonly' } },
  },
)
