/**
 * `strikeline errors` through the real CLI and LMDB: a failing `halt` (broker unreachable) leaves its WARN and
 * ERROR lines in the error log with the seed's fields and the caller's source line, the secret it was given is
 * scrubbed from the records and the store's files, `--level` and `--since` filter, and `errors resolve` marks one
 * resolved by name (once; an unknown id is a usage error).
 */
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorRecord } from '../../../src/domain/error-record.ts';
import { readEvents } from '../../support/events-file.ts';
import { filesWithSecrets } from '../../support/ops.ts';
import { REPO, runCli } from '../../support/run-cli.ts';
import { TEST_KEY, TEST_SECRET } from '../../support/sim.ts';
import { makeTempRoot } from '../../support/temp-root.ts';

interface Listing {
  counts: Record<string, number>;
  errors: ErrorRecord[];
}

const temp = makeTempRoot('strikeline-errors-');
const env = {
  TRADING_SYSTEM_ROOT: temp.root,
  ALPACA_API_KEY: TEST_KEY,
  ALPACA_SECRET_KEY: TEST_SECRET,
  // Port 9 (discard) refuses connections: a real unreachable broker, no mock.
  ALPACA_ENDPOINT: 'http://127.0.0.1:9',
};
const errors = async (args: string[]): Promise<Listing> => {
  const r = await runCli(['errors', '--json', ...args], env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Listing;
};

beforeAll(async () => {
  mkdirSync(join(temp.root, 'config'), { recursive: true });
  cpSync(join(REPO, 'config', 'config.yaml'), join(temp.root, 'config', 'config.yaml'));
  const halt = await runCli(['halt', '--reason', `drill ${TEST_SECRET}`], env);
  expect(halt.code).toBe(1);
});
afterAll(() => {
  temp.cleanup();
});

describe('strikeline errors', { timeout: 60_000 }, () => {
  it('lists every WARN+ line of another process with the seed fields, secrets scrubbed', async () => {
    const listing = await errors([]);
    const flatten = listing.errors.find((e) => e.message === 'halt could not flatten the account');
    expect(flatten).toMatchObject({
      level: 'error',
      logger: 'halt',
      component: 'execution',
      resolved: false,
      resolvedAt: null,
      resolvedBy: null,
    });
    expect(flatten?.sourceFile).toMatch(/src\/jobs\/ops\/halt\.ts$/);
    expect(flatten?.sourceLine).toBeGreaterThan(0);
    expect(String(flatten?.context.err)).toContain('broker unreachable');
    const warning = listing.errors.find((e) => e.level === 'warning' && e.message === 'halt');
    expect(warning?.context.reason).toBe('drill [REDACTED]');
    expect(listing.errors.some((e) => e.message.startsWith('command failed'))).toBe(true);
    expect(listing.counts.warning).toBeGreaterThanOrEqual(1);
    expect(listing.counts.error).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(listing)).not.toContain(TEST_SECRET);
    expect(filesWithSecrets(join(temp.root, 'state'), [TEST_SECRET])).toEqual([]);
    // The failed command's events file carries its ERROR event too (seed 002), scrubbed like the rest.
    const failed = readEvents(temp.root).filter((e) => e.type === 'ERROR' && e.source !== 'log');
    expect(failed.map((e) => e.command)).toEqual(['halt']);
    // Every error line is an ERROR event as well, with its error-log id.
    const logged = readEvents(temp.root).filter((e) => e.type === 'ERROR' && e.source === 'log');
    expect(logged.map((e) => e.error_id).sort()).toEqual(
      listing.errors
        .filter((e) => e.level !== 'warning')
        .map((e) => e.id)
        .sort(),
    );
    expect(String(failed[0]?.error)).toContain('could not be flattened');
    expect(JSON.stringify(readEvents(temp.root))).not.toContain(TEST_SECRET);
  });

  it('filters by level and by time', async () => {
    const [all, onlyErrors, critical, future, lastHour, bad] = await Promise.all([
      errors([]),
      errors(['--level', 'error']),
      errors(['--level', 'critical']),
      errors(['--since', '2999-01-01']),
      errors(['--since', '1h']),
      runCli(['errors', '--since', 'yesterday'], env),
    ]);
    expect(onlyErrors.errors.length).toBe(all.errors.length - (all.counts.warning ?? 0));
    expect(onlyErrors.errors.every((e) => e.level !== 'warning')).toBe(true);
    expect(critical.errors).toEqual([]);
    expect(future.errors).toEqual([]);
    expect(lastHour.errors.length).toBe(all.errors.length);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--since must be a duration');
  });

  it('resolves one error by name, once', async () => {
    const [first] = (await errors([])).errors;
    if (first === undefined) throw new Error('no error logged');
    const resolved = await runCli(['errors', 'resolve', first.id, '--by', 'alice'], env);
    expect(resolved.stdout).toBe(`${first.id}: resolved\n`);
    const after = (await errors([])).errors.find((e) => e.id === first.id);
    expect(after).toMatchObject({ resolved: true, resolvedBy: 'alice' });
    expect(after?.resolvedAt).toBeGreaterThanOrEqual(first.ts);
    expect((await errors(['--unresolved'])).errors.some((e) => e.id === first.id)).toBe(false);
    const again = await runCli(['errors', 'resolve', first.id, '--by', 'bob'], env);
    expect(again.stdout).toBe(`${first.id}: was already resolved\n`);
    const missing = await runCli(['errors', 'resolve', 'nope', '--by', 'bob'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no error with id "nope"');
  });
});
