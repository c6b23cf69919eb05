/**
 * `strikeline scan --intraday` as a child process against the simulator: the configured symbols' 1-minute history
 * of the last `intraday.history_days` sessions through the official SDK, each enabled strategy backtested with the
 * scanner's costs; a second run reads the cache and fetches nothing; a config switch leaves a strategy out; the
 * same seed gives the same report; bad flag combinations exit 2.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntradayScanReport } from '../../../src/scanner/intraday/run-intraday-scan.ts';
import { runCli } from '../../support/run-cli.ts';
import { startTestSimulator, type TestSimulator } from '../../support/sim.ts';

const CONFIG = 'intraday:\n  symbols: [SPY, AAPL]\n  history_days: 5\n  min_trades: 3\n';
/** Each test runs the CLI two or three times: on a shared, busy machine that outlasts 30 s. */
const CHILDREN_MS = 180_000;
const reportOf = (stdout: string) => JSON.parse(stdout.trim()) as IntradayScanReport;

describe('strikeline scan --intraday against the simulator', () => {
  let sim: TestSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator({ seed: 42, symbols: ['SPY', 'AAPL'] });
    mkdirSync(join(sim.root, 'config'), { recursive: true });
    writeFileSync(join(sim.root, 'config', 'config.yaml'), CONFIG);
  }, CHILDREN_MS);
  afterAll(async () => {
    await sim.stop();
  });

  it(
    'backtests the three strategies on 5 sessions of 1-minute bars, then runs again from the cache',
    async () => {
      const first = await runCli(['scan', '--intraday', '--json'], sim.env, 120_000);
      expect(first.code, first.stderr).toBe(0);
      const r = reportOf(first.stdout);
      // The simulator starts 2024-05-01 09:25: the last closed sessions are April 24 to 30.
      expect([r.sessions, r.from, r.through]).toEqual([5, '2024-04-24', '2024-04-30']);
      expect(r.strategies.map((s) => s.strategy)).toEqual([
        'orb',
        'vwap_reversion',
        'intraday_gap_fill',
      ]);
      expect(r.costs).toEqual({ slippageBps: 7.5, commissionPerShare: 0.005 });
      // Six sessions (one more for the first gap) of 390 regular-hours minutes at least, per symbol.
      for (const s of r.symbols) expect(s.bars).toBeGreaterThanOrEqual(6 * 390);
      expect(r.barsFetched).toBe(r.symbols.reduce((n, s) => n + s.bars, 0));
      for (const s of r.strategies) {
        expect(s.trades).toBe(s.symbols.reduce((n, x) => n + x.trades, 0));
        expect(s.trades).toBeLessThanOrEqual(2 * 5);
        expect(s.verdict).toBe(
          s.trades < 3
            ? 'TOO_FEW_TRADES'
            : s.avgNetReturnPct > 0 && (s.profitFactor === null || s.profitFactor > 1)
              ? 'PROFITABLE'
              : 'UNPROFITABLE',
        );
        for (const t of s.recent) expect(t.netReturnPct).toBeLessThan(t.grossReturnPct);
      }
      expect(r.strategies.reduce((n, s) => n + s.trades, 0)).toBeGreaterThan(0);
      expect(existsSync(join(sim.root, 'data', 'bars', '1Min'))).toBe(true);

      const again = await runCli(['scan', '--intraday', '--json'], sim.env, 120_000);
      const cached = reportOf(again.stdout);
      expect(cached.barsFetched).toBe(0);
      expect({ ...cached, barsFetched: r.barsFetched }).toEqual(r);

      const text = await runCli(['scan', '--intraday'], sim.env, 120_000);
      expect(text.stdout).toContain(
        'intraday backtests on 1-minute bars, 5 sessions 2024-04-24 to 2024-04-30, 2 symbols',
      );
      expect(text.stdout).toMatch(/^orb +all +\d+/m);
    },
    CHILDREN_MS,
  );

  it(
    'a strategy switched off in config is left out and named',
    async () => {
      writeFileSync(
        join(sim.root, 'config', 'config.yaml'),
        `${CONFIG}  orb: { enabled: false }\n`,
      );
      const r = reportOf((await runCli(['scan', '--intraday', '--json'], sim.env, 120_000)).stdout);
      expect(r.strategies.map((s) => s.strategy)).toEqual(['vwap_reversion', 'intraday_gap_fill']);
      expect(r.disabled).toEqual(['orb']);
      writeFileSync(join(sim.root, 'config', 'config.yaml'), CONFIG);
    },
    CHILDREN_MS,
  );

  it(
    '--symbols or --workers with --intraday is bad usage (exit 2)',
    async () => {
      const a = await runCli(['scan', '--intraday', '--workers', '2'], sim.env);
      const b = await runCli(['scan', '--intraday', '--symbols', 'SPY'], sim.env);
      expect([a.code, b.code]).toEqual([2, 2]);
      expect(b.stderr).toContain('--intraday takes its symbols and strategies from intraday:');
    },
    CHILDREN_MS,
  );
});
