import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load-config.ts';
import { DEFAULT_CONFIG } from '../../../src/config/schema.ts';
import { makeTempRoot } from '../../support/temp-root.ts';

const temp = makeTempRoot();
afterAll(() => {
  temp.cleanup();
});

function write(text: string): string {
  const file = join(temp.root, 'config.yaml');
  writeFileSync(file, text);
  return file;
}

describe('loadConfig', () => {
  it('reads the committed config/config.yaml as exactly the defaults', () => {
    const { config } = loadConfig(join(import.meta.dirname, '../../../../config/config.yaml'));
    expect(config).toEqual(DEFAULT_CONFIG);
  });

  it('falls back to the defaults when the root has no config file', () => {
    expect(loadConfig(join(temp.root, 'missing.yaml'))).toEqual({
      config: DEFAULT_CONFIG,
      source: 'defaults',
    });
  });

  it('fills keys a partial file leaves out with the seeds numbers', () => {
    const { config } = loadConfig(write('exits:\n  stop_loss_pct: 3\n'));
    expect(config.exits.stop_loss_pct).toBe(3);
    expect(config.exits.take_profit_pct).toBe(20);
    expect(config.capital.max_positions).toBe(10);
  });

  it('names the path of a wrongly typed key, what was expected and what was found', () => {
    expect(() => loadConfig(write('exits:\n  stop_loss_pct: five\n'))).toThrow(
      /exits\.stop_loss_pct: expected a number in \(0, 50\), found string "five"/,
    );
  });

  it('rejects unknown keys with their full path', () => {
    expect(() => loadConfig(write('capital:\n  max_positons: 3\n'))).toThrow(
      /capital\.max_positons: unknown key/,
    );
  });

  it('rejects values out of range and bad enums', () => {
    expect(() => loadConfig(write('protection:\n  protect: some\n'))).toThrow(ConfigError);
    expect(() => loadConfig(write('capital:\n  cash_buffer_pct: 150\n'))).toThrow(
      /capital\.cash_buffer_pct/,
    );
  });

  it('reports YAML syntax errors with the file, line and column, and an excerpt with a caret under the column', () => {
    expect(() => loadConfig(write('exits: [unclosed\n'))).toThrow(
      /config\.yaml:2:1: not valid YAML: Flow sequence/,
    );
    const e = thrown(() =>
      loadConfig(write('exits:\n  stop_loss_pct: 5\n   take_profit_pct: 20\n')),
    );
    expect(e.message).toMatch(
      /config\.yaml:2:18: not valid YAML: Nested mappings are not allowed in compact mappings$/,
    );
    expect(e.excerpt).toBe(
      [
        '  1 | exits:',
        '  2 |   stop_loss_pct: 5',
        '    |                  ^',
        '  3 |    take_profit_pct: 20',
      ].join('\n'),
    );
  });

  it('suggests the key a typo meant, or the section a misplaced key belongs to', () => {
    expect(() => loadConfig(write('capital:\n  max_postions: 3\n'))).toThrow(
      /capital\.max_postions: unknown key \(did you mean `capital\.max_positions`\?\)/,
    );
    expect(() => loadConfig(write('exit:\n  stop_loss_pct: 3\n'))).toThrow(
      /exit: unknown key \(did you mean `exits`\?\)/,
    );
    expect(() => loadConfig(write('capital:\n  stop_loss_pct: 3\n'))).toThrow(
      /capital\.stop_loss_pct: unknown key \(did you mean `exits\.stop_loss_pct`\?\)/,
    );
    expect(() => loadConfig(write('time_stop_days: 3\n'))).toThrow(
      /time_stop_days: unknown key \(it belongs under `exits:`\)/,
    );
    expect(() => loadConfig(write('capital:\n  leverage: 3\n'))).toThrow(
      /capital\.leverage: unknown key \(expected one of the keys documented in config\/config\.yaml\)/,
    );
  });

  it('refuses exits.stop_loss_pct 0 and 100 with the range it expected', () => {
    expect(() => loadConfig(write('exits:\n  stop_loss_pct: 0\n'))).toThrow(
      /exits\.stop_loss_pct: expected a number in \(0, 50\), found number 0$/,
    );
    expect(() => loadConfig(write('exits:\n  stop_loss_pct: 100\n'))).toThrow(/found number 100$/);
    expect(() => loadConfig(write('exits:\n  stop_loss_pct: .inf\n'))).toThrow(
      /exits\.stop_loss_pct: expected a number in \(0, 50\)/,
    );
    expect(() => loadConfig(write('exits:\n  time_stop_days: 2.5\n'))).toThrow(
      /exits\.time_stop_days: expected an integer in \[1, 365\], found number 2\.5/,
    );
  });

  it('refuses VIX thresholds out of order, naming the key that breaks the order', () => {
    expect(() => loadConfig(write('vix_regimes:\n  low_below: 30\n'))).toThrow(
      /vix_regimes\.high_from: expected a level above vix_regimes\.low_below \(30\), found number 25 \(the default\)$/,
    );
    expect(() => loadConfig(write('vix_regimes:\n  extreme_from: 25\n'))).toThrow(
      /vix_regimes\.extreme_from: expected a level above vix_regimes\.high_from \(25\), found number 25$/,
    );
  });

  it('refuses enabled strategies whose allocations do not sum to 100, listing them', () => {
    expect(() => loadConfig(write('strategies:\n  gap_fill: { enabled: false }\n'))).toThrow(
      /strategies: expected the allocation_pct of the enabled strategies to sum to 100, found 90 \(mean_reversion 30 \+ relative_volume_breakout 25 \+ vol_managed_momentum 10/,
    );
    const moved = loadConfig(
      write('strategies:\n  gap_fill: { enabled: false }\n  sector_rotation: { enabled: true }\n'),
    );
    expect(moved.config.strategies.sector_rotation.enabled).toBe(true);
  });

  it('reads the switch words in YAML as the environment does, and refuses any other', () => {
    const { config } = loadConfig(
      write('alerts:\n  email: "no"\n  sms: OFF\nranker:\n  allow_black_sheep: yes\n'),
    );
    expect(config.alerts).toMatchObject({ email: false, sms: false });
    expect(config.ranker.allow_black_sheep).toBe(true);
    expect(() => loadConfig(write('alerts:\n  email: Y\n'))).toThrow(
      /alerts\.email: expected one of true\/false, 1\/0, yes\/no or on\/off, found string "Y"$/,
    );
    expect(() => loadConfig(write('alerts:\n  sms: 2\n'))).toThrow(
      /alerts\.sms: expected one of true\/false.*found number 2$/,
    );
  });
});

function thrown(f: () => unknown): ConfigError {
  try {
    f();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}
