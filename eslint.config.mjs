// Flat ESLint config: strict type-checked TypeScript, RxJS safety rules, and the layering of STYLE.md §1.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import rxjsX from 'eslint-plugin-rxjs-x';

const layer = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: patterns.map((p) => (p === SDK ? p : { allowTypeImports: true, ...p })) }] },
});

const SDK = { group: ['@alpacahq/alpaca-trade-api', '@alpacahq/alpaca-trade-api/*'], message: 'Only src/adapters/alpaca (and the simulator tests) may use the SDK.' };
const IO = { group: ['node:fs', 'node:fs/*', 'node:net', 'node:http', 'lmdb', 'pino', 'nodemailer', 'ws'], message: 'No I/O in this layer.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'state/', 'logs/', 'data/', 'reports/', 'bin/', 'eslint.config.mjs', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  rxjsX.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      'rxjs-x/no-unsafe-takeuntil': 'error',
      'rxjs-x/no-ignored-subscription': 'error',
      'rxjs-x/no-nested-subscribe': 'error',
      'rxjs-x/no-unsafe-catch': ['error', { observable: '[Aa]ction(s|s\\$|\\$)$|\\$$' }],
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  layer(['src/domain/**/*.ts'], [{ group: ['rxjs', 'rxjs/*', '../operators/*', '../streams/*', '../adapters/*', '../sim/*', '../cli/*'], message: 'domain imports nothing at run time.' }, SDK, IO]),
  layer(['src/operators/**/*.ts'], [{ group: ['../streams/*', '../adapters/*', '../sim/*', '../cli/*', '../jobs/*'], message: 'operators import domain and rxjs only.' }, SDK, IO]),
  layer(['src/streams/**/*.ts'], [{ group: ['../adapters/*', '../sim/*', '../cli/*'], message: 'streams take adapters through Deps.' }, SDK]),
  layer(['src/scanner/**/*.ts', 'src/jobs/**/*.ts'], [{ group: ['../sim/*', '../cli/*'], message: 'jobs reach the broker through ports.' }, SDK]),
  layer(['src/sim/**/*.ts'], [{ group: ['../adapters/*', '../streams/*', '../operators/*', '../cli/*', '../jobs/*', '../scanner/*'], message: 'the simulator is independent of the engine.' }, SDK]),
  layer(['src/adapters/store/**/*.ts', 'src/adapters/mail/**/*.ts', 'src/adapters/log/**/*.ts', 'src/adapters/clock/**/*.ts', 'src/cli/**/*.ts'], [SDK]),
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      'max-lines': 'off',
    },
  },
);
