// Flat ESLint config: strict type-checked TypeScript, RxJS safety rules, and the layering of STYLE.md §1.
import { join } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import rxjsX from 'eslint-plugin-rxjs-x';
import { layersPlugin } from './tools/layers.mjs';

const layer = (files, patterns) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: patterns.map((p) => (p === SDK ? p : { allowTypeImports: true, ...p })) },
    ],
  },
});

const SDK = {
  group: ['@alpacahq/alpaca-trade-api', '@alpacahq/alpaca-trade-api/*'],
  message: 'Only src/adapters/alpaca (and the simulator tests) may use the SDK.',
};
const IO = {
  group: ['node:fs', 'node:fs/*', 'node:net', 'node:http', 'lmdb', 'pino', 'nodemailer', 'ws'],
  message: 'No I/O in this layer.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'state/',
      'logs/',
      'data/',
      'reports/',
      'bin/',
      'eslint.config.mjs',
      'tools/layers.mjs',
      '.tmp/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  rxjsX.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      'rxjs-x/no-unsafe-takeuntil': 'error',
      'rxjs-x/no-ignored-subscription': 'error',
      'rxjs-x/no-nested-subscribe': 'error',
      'rxjs-x/no-unsafe-catch': ['error', { observable: '[Aa]ction(s|s\\$|\\$)$|\\$$' }],
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  // Every import arrow points down (tools/layers.mjs has the map); type-only imports count too.
  {
    files: ['src/**/*.ts'],
    plugins: { strikeline: layersPlugin(join(import.meta.dirname, 'src')) },
    rules: { 'strikeline/layers': 'error' },
  },
  {
    // One home for wall time (src/domain/time/wall-clock.ts): decisions take the Clock port, stamps take wallNow/epochNow.
    files: ['src/**/*.ts'],
    ignores: ['src/domain/time/wall-clock.ts', 'src/sim/**', 'src/scanner/**', 'src/cli/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'Use the Clock port, or wallNow/epochNow from src/domain/time/wall-clock.ts.',
        },
      ],
    },
  },
  layer(
    ['src/domain/**/*.ts'],
    [{ group: ['rxjs', 'rxjs/*'], message: 'domain imports nothing at run time.' }, SDK, IO],
  ),
  layer(['src/operators/**/*.ts'], [SDK, IO]),
  layer(
    [
      'src/streams/**/*.ts',
      'src/scanner/**/*.ts',
      'src/jobs/**/*.ts',
      'src/sim/**/*.ts',
      'src/procedures/**/*.ts',
      'src/config/**/*.ts',
      'src/records/**/*.ts',
    ],
    [SDK],
  ),
  layer(
    [
      'src/adapters/store/**/*.ts',
      'src/adapters/mail/**/*.ts',
      'src/adapters/log/**/*.ts',
      'src/adapters/clock/**/*.ts',
      'src/cli/**/*.ts',
    ],
    [SDK],
  ),
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
