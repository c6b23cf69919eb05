/** docs/configuration.md states every key of the schema with its default and range, and no key the schema lacks. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NumberRange } from '../../../src/config/bounded-number.ts';
import { DEFAULT_CONFIG } from '../../../src/config/schema.ts';
import { leafKeys, valueAt } from '../../support/config-keys.ts';

const DOC = readFileSync(join(import.meta.dirname, '../../../docs/configuration.md'), 'utf8');
const ROWS = new Map(
  DOC.split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .map((cells) => [cells[0]?.replaceAll('`', '') ?? '', cells.slice(1)] as const),
);

/** `a number in (0, 50)` is written `(0, 50)`, `an integer in [1, 200]` as `integer [1, 200]`. */
const rangeCell = (range: NumberRange): string =>
  range.text.replace(/^a number in /, '').replace(/^an integer in /, 'integer ');
const defaultCell = (value: unknown): string =>
  `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
/** Strategy keys are documented once, as `strategies.<name>.key`, with a table of each strategy's defaults. */
const docKey = (path: readonly string[]): string =>
  path[0] === 'strategies' ? `strategies.<name>.${path[2] ?? ''}` : path.join('.');

describe('docs/configuration.md', () => {
  const keys = leafKeys();

  it.each(keys.map((k) => [k.path.join('.'), k] as const))(
    'documents %s with its default and range',
    (_name, k) => {
      const row = ROWS.get(docKey(k.path));
      expect(row, `no row for ${docKey(k.path)}`).toBeDefined();
      const [defaultText, rangeText] = row ?? [];
      if (k.path[0] !== 'strategies')
        expect(defaultText).toBe(defaultCell(valueAt(DEFAULT_CONFIG, k.path)));
      if (k.range !== undefined) expect(rangeText).toContain(rangeCell(k.range));
    },
  );

  it("lists each strategy's defaults", () => {
    for (const [name, s] of Object.entries(DEFAULT_CONFIG.strategies)) {
      expect(ROWS.get(name)).toEqual([
        String(s.enabled),
        String(s.allocation_pct),
        String(s.max_positions),
      ]);
    }
  });

  it('documents no key the schema does not have', () => {
    const known = new Set(keys.map((k) => docKey(k.path)));
    const documented = [...ROWS.keys()].filter((name) => name.includes('.'));
    expect(documented.filter((name) => !known.has(name))).toEqual([]);
  });
});
