import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../../src/adapters/config/load-config.ts';
import { DEFAULT_CONFIG } from '../../../../src/adapters/config/schema.ts';
import { makeTempRoot } from '../../../support/temp-root.ts';

const temp = makeTempRoot();
afterAll(() => { temp.cleanup(); });

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
    expect(loadConfig(join(temp.root, 'missing.yaml'))).toEqual({ config: DEFAULT_CONFIG, source: 'defaults' });
  });

  it('fills keys a partial file leaves out with the seeds numbers', () => {
    const { config } = loadConfig(write('exits:\n  stop_loss_pct: 3\n'));
    expect(config.exits.stop_loss_pct).toBe(3);
    expect(config.exits.take_profit_pct).toBe(20);
    expect(config.capital.max_positions).toBe(10);
  });

  it('names the path of a wrongly typed key, what was expected and what was found', () => {
    expect(() => loadConfig(write('exits:\n  stop_loss_pct: five\n'))).toThrow(
      /exits\.stop_loss_pct: expected number, found string "five"/,
    );
  });

  it('rejects unknown keys with their full path', () => {
    expect(() => loadConfig(write('capital:\n  max_positons: 3\n'))).toThrow(/capital\.max_positons: unknown key/);
  });

  it('rejects values out of range and bad enums', () => {
    expect(() => loadConfig(write('protection:\n  protect: some\n'))).toThrow(ConfigError);
    expect(() => loadConfig(write('capital:\n  cash_buffer_pct: 150\n'))).toThrow(/capital\.cash_buffer_pct/);
  });

  it('reports YAML syntax errors with the file name', () => {
    expect(() => loadConfig(write('exits: [unclosed\n'))).toThrow(/config\.yaml: not valid YAML/);
  });
});
