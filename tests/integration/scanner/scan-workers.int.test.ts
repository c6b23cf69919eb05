/**
 * `strikeline scan` in worker threads (issue 19): the real binary (the build's worker entry) against two simulators
 * of the same seed, `scanner.workers: 1` in one root and `2` in the other. The signal logs and data/scan/<date>.json
 * are byte-identical (its run-specific fields aside: generated_at, timings_ms, settings.workers), the progress lines
 * are the same, the config key sets the thread count the report states, and --workers overrides it.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';
import { startTestSimulator, type TestSimulator } from '../../support/sim.ts';

const SYMBOLS = 'AAPL,MSFT,KO,PEP,XOM,CVX,JNJ';
const ASOF = '2024-04-30';
const ARGS = ['scan', '--symbols', SYMBOLS, '--asof', ASOF];
/** Each test runs two scans (a child process each, up to 120 s): the suite's 30 s default is too short on a loaded box. */
const SCANS_DEADLINE_MS = 300_000;

const files = (dir: string): Map<string, string> =>
  new Map(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );

const reportText = (root: string): string =>
  readFileSync(join(root, 'data', 'scan', `${ASOF}.json`), 'utf8');

/** The report's text with the fields that differ between runs by design blanked, every other byte kept. */
const comparable = (text: string): string =>
  text
    .replace(/"generated_at":\s*"[^"]*"/, '"generated_at": "-"')
    .replace(/"timings_ms":\s*\{[^}]*\}/, '"timings_ms": {}')
    .replace(/"workers":\s*\d+/, '"workers": "-"');

const workersOf = (root: string): unknown =>
  (JSON.parse(reportText(root)) as { settings: { workers: unknown } }).settings.workers;

/** The plain progress lines of the backtesting phase (stderr is not a terminal here), as done counts. */
const progressOf = (stderr: string): number[] =>
  [...stderr.matchAll(/^scan: backtesting tickers (\d+)\/7$/gm)].map((m) => Number(m[1]));

function configure(root: string, workers: number): void {
  mkdirSync(join(root, 'config'), { recursive: true });
  writeFileSync(join(root, 'config', 'config.yaml'), `scanner:\n  workers: ${String(workers)}\n`);
}

describe('strikeline scan in worker threads', () => {
  let one: TestSimulator;
  let two: TestSimulator;
  beforeAll(async () => {
    [one, two] = await Promise.all([
      startTestSimulator({ seed: 42 }),
      startTestSimulator({ seed: 42 }),
    ]);
    configure(one.root, 1);
    configure(two.root, 2);
  });
  afterAll(async () => {
    await Promise.all([one.stop(), two.stop()]);
  });

  it(
    'writes byte-identical outputs with scanner.workers 1 and 2, with the same progress',
    async () => {
      const [r1, r2] = await Promise.all([
        runCli(ARGS, one.env, 120_000),
        runCli(ARGS, two.env, 120_000),
      ]);
      expect(r1.stderr).not.toMatch(/strikeline: /);
      expect(r1.code).toBe(0);
      expect(r2.stderr).not.toMatch(/strikeline: /);
      expect(r2.code).toBe(0);
      expect(workersOf(one.root)).toBe(1);
      expect(workersOf(two.root)).toBe(2);
      const logs = files(join(one.root, 'data', 'signals'));
      expect(logs.size).toBe(7);
      expect(files(join(two.root, 'data', 'signals'))).toEqual(logs);
      expect(comparable(reportText(two.root))).toBe(comparable(reportText(one.root)));
      expect(reportText(one.root)).toMatch(/"ticker": "JNJ"/);
      // The rejected-tickers file and the printed table and summary, the run's timing aside.
      const summary = (stdout: string): string =>
        stdout
          .replace(/ in \d+ ms$/m, '')
          .replaceAll(one.root, '<root>')
          .replaceAll(two.root, '<root>');
      expect(summary(r2.stdout)).toBe(summary(r1.stdout));
      // Progress counts every ticker once, whichever thread scanned it: 0, then each quarter, then 7 of 7.
      expect(progressOf(r1.stderr)).toEqual([0, 2, 4, 6, 7]);
      expect(progressOf(r2.stderr)).toEqual(progressOf(r1.stderr));
    },
    SCANS_DEADLINE_MS,
  );

  it(
    'takes --workers over scanner.workers',
    async () => {
      const r = await runCli([...ARGS, '--workers', '2'], one.env, 120_000);
      expect(r.code).toBe(0);
      expect(workersOf(one.root)).toBe(2);
      const r0 = await runCli([...ARGS, '--workers', '0'], two.env, 120_000);
      expect(r0.code).toBe(0);
      expect(workersOf(two.root)).toBe(1);
      expect(comparable(reportText(two.root))).toBe(comparable(reportText(one.root)));
    },
    SCANS_DEADLINE_MS,
  );
});
