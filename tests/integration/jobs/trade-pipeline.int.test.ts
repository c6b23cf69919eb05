/**
 * The trade pipeline (issue 14) against the simulator, through the CLI and the official SDK: the
 * `trade --dry-run --json` contract (and nothing placed), a live run's funnel in data/funnel/ and LMDB with the
 * SIGNAL_* and ORDER_INTENT_CREATED events, a correlated pair (the second attenuated or rejected), a VIX spike
 * (smaller sizes, breakouts off, the regime log), and pending signals (one enters on day 2, one expires on day 4).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { realisedVolatilityPct } from '../../../src/jobs/trade/pipeline/market-inputs.ts';
import { funnelRuns } from '../../../src/records/funnel-log.ts';
import { pendingSignals } from '../../../src/records/pending-signals.ts';
import { regimeLog } from '../../../src/records/regime-log.ts';
import { readEvents } from '../../support/events-file.ts';
import { runCli } from '../../support/run-cli.ts';
import { control, startTestSimulator, type TestSimulator } from '../../support/sim.ts';
import { brokerFor, tradeInProcess, withStore, writeConfig, writeCsv } from './jobs-support.ts';

async function sim(
  ctx: TestContext,
  vix: number,
  at = '2024-05-01T13:35:00Z',
): Promise<TestSimulator> {
  const t = await startTestSimulator();
  ctx.onTestFinished(() => t.stop());
  await control(t.sim).clock({ to: at, quiet: true });
  await control(t.sim).trade({ symbol: 'VIXY', price: vix });
  writeConfig(t.root, '');
  return t;
}

type Candidate = {
  ticker: string;
  strategy: string;
  accepted: boolean;
  stage: string;
  reason_code: string | null;
  details: Record<string, unknown> | null;
  size: Record<string, number>;
};
type Done = {
  candidates: Candidate[];
  regime: { vix: number; name: string; heat_limit_pct: number };
  funnel: Record<string, number>;
};

const dryJson = async (s: TestSimulator): Promise<Done> => {
  const r = await runCli(['trade', '--dry-run', '--json'], { ...s.env, TRADING_DISABLED: '' });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Done;
};
const buys = async (s: TestSimulator) =>
  (await brokerFor(s).listOrders({ status: 'all', limit: 500 })).filter((o) => o.side === 'buy');
const done = async (s: TestSimulator) => {
  const { result } = await tradeInProcess(s);
  if (result.kind !== 'done') throw new Error(`trade: ${result.kind}: ${result.message}`);
  return result;
};

describe.concurrent('trade pipeline', { timeout: 120_000 }, () => {
  it('trade --dry-run --json prints the contract and places nothing; a live run writes the funnel and its events', async (ctx) => {
    const s = await sim(ctx, 20);
    writeCsv(s.root, [
      { ticker: 'AAPL' },
      { ticker: 'MSFT', strategy: 'momentum' },
      { ticker: 'NVDA', strategy: 'sector_rotation' },
      { ticker: 'JPM', strategy: 'gap_fill' },
    ]);
    const out = await dryJson(s);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['candidates', 'regime', 'funnel']));
    expect(out.regime).toEqual({ vix: 20, name: 'normal', heat_limit_pct: 30 });
    expect(out.funnel).toEqual({ raw: 4, regime: 3, correlation: 3, risk: 2, executed: 2 });
    for (const c of out.candidates) {
      expect(Object.keys(c).sort()).toEqual([
        'accepted',
        'details',
        'reason_code',
        'size',
        'stage',
        'strategy',
        'ticker',
      ]);
      expect(Object.keys(c.size).sort()).toEqual([
        'correlation_multiplier',
        'final_notional',
        'limit_notional',
        'regime_scalar',
        'risk_scalar',
      ]);
    }
    const by = new Map(out.candidates.map((c) => [c.ticker, c]));
    expect(by.get('AAPL')).toMatchObject({
      accepted: true,
      stage: 'executed',
      reason_code: null,
      size: { regime_scalar: 1, risk_scalar: 1 },
    });
    expect(by.get('AAPL')?.size.final_notional).toBeGreaterThan(0);
    expect(by.get('MSFT')).toMatchObject({
      accepted: false,
      stage: 'risk',
      reason_code: 'no_allocation',
    });
    expect(by.get('NVDA')).toMatchObject({
      accepted: false,
      stage: 'raw',
      reason_code: 'strategy_disabled',
    });
    expect(await buys(s)).toEqual([]);
    expect(existsSync(join(s.root, 'data', 'funnel'))).toBe(false);

    const live = await runCli(['trade', '--json'], { ...s.env, TRADING_DISABLED: '' });
    expect(live.code).toBe(0);
    const liveOut = JSON.parse(live.stdout) as Done & { entries: unknown[] };
    expect(liveOut.entries).toHaveLength(4);
    expect(liveOut.funnel).toEqual({ raw: 4, regime: 3, correlation: 3, risk: 2, executed: 2 });
    const orders = await buys(s);
    expect(orders.map((o) => o.symbol).sort()).toEqual(['AAPL', 'JPM']);
    for (const o of orders)
      expect(o.notional ?? 0).toBe(
        liveOut.candidates.find((c) => c.ticker === o.symbol)?.size.final_notional,
      );
    const file = JSON.parse(
      readFileSync(join(s.root, 'data', 'funnel', '2024-05-01.json'), 'utf8'),
    ) as {
      runs: {
        funnel: unknown;
        rejections: { ticker: string; stage: string; reason_code: string }[];
      }[];
    };
    expect(file.runs).toHaveLength(1);
    expect(file.runs[0]?.funnel).toEqual(liveOut.funnel);
    expect(file.runs[0]?.rejections).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ticker: 'MSFT', stage: 'risk', reason_code: 'no_allocation' }),
      ]),
    );
    await withStore(s.root, (store) => {
      expect(funnelRuns(store, '2024-05-01').map((r) => r.funnel)).toEqual([liveOut.funnel]);
    });
    const events = readEvents(s.root);
    expect(
      events
        .filter((e) => e.type === 'SIGNAL_GENERATED' && e.stage === 'raw')
        .map((e) => e.ticker)
        .sort(),
    ).toEqual(['AAPL', 'JPM', 'MSFT', 'NVDA']);
    expect(
      events
        .filter((e) => e.type === 'SIGNAL_REJECTED')
        .map((e) => [e.ticker, e.stage, e.reason_code]),
    ).toEqual(
      expect.arrayContaining([
        ['MSFT', 'risk', 'no_allocation'],
        ['NVDA', 'raw', 'strategy_disabled'],
      ]),
    );
    expect(
      events
        .filter((e) => e.type === 'ORDER_INTENT_CREATED')
        .map((e) => e.symbol)
        .sort(),
    ).toEqual(['AAPL', 'JPM']);
  });

  it('a correlated pair: the second of KO and PEP is attenuated or rejected, naming the first', async (ctx) => {
    const s = await sim(ctx, 20);
    writeCsv(s.root, [
      { ticker: 'KO' },
      { ticker: 'PEP' },
      { ticker: 'XOM', strategy: 'gap_fill' },
    ]);
    const out = await dryJson(s);
    const pep = out.candidates.find((c) => c.ticker === 'PEP');
    expect(pep?.details).toMatchObject({ with: 'KO' });
    expect(Number(pep?.details?.correlation)).toBeGreaterThan(0.5);
    if (pep?.accepted === true) expect(pep.size.correlation_multiplier).toBeLessThan(1);
    else expect(pep).toMatchObject({ stage: 'correlation', reason_code: 'high_correlation' });
    expect(out.candidates.find((c) => c.ticker === 'KO')).toMatchObject({
      accepted: true,
      size: { correlation_multiplier: 1 },
    });
  });

  it("the shipped default reads the VIX level from SPY's realised volatility, not from the VIXY proxy", async (ctx) => {
    const s = await sim(ctx, 40);
    writeFileSync(join(s.root, 'config', 'config.yaml'), '# the shipped defaults\n');
    writeCsv(s.root, [{ ticker: 'AAPL' }]);
    const now = Date.parse('2024-05-01T13:35:00Z');
    const spy =
      (await brokerFor(s).getBars(['SPY'], '1Day', now - 130 * 86_400_000, now))['SPY'] ?? [];
    const expected = realisedVolatilityPct(spy.map((b) => ({ ts: b.ts, close: b.close }))) ?? NaN;
    const out = await dryJson(s);
    expect(out.regime.vix).toBeCloseTo(expected, 1); // the JSON rounds it to the cent
    expect(out.regime.vix).not.toBe(40);
    expect(out.regime.name).toBe(
      expected < 15 ? 'low' : expected < 25 ? 'normal' : expected < 35 ? 'high' : 'extreme',
    );
    writeConfig(s.root, 'vix_regimes:\n  level_from: symbol\n');
    expect((await dryJson(s)).regime).toEqual({ vix: 40, name: 'extreme', heat_limit_pct: 20 });
  });

  it('a VIX spike shrinks sizes, turns breakouts off and is written to the regime log', async (ctx) => {
    const s = await sim(ctx, 20);
    writeConfig(s.root, 'capital:\n  max_position_pct: 5\n');
    writeCsv(s.root, [
      { ticker: 'AAPL' },
      { ticker: 'AMZN', strategy: 'relative_volume_breakout' },
    ]);
    const calm = await dryJson(s);
    await control(s.sim).trade({ symbol: 'VIXY', price: 30 });
    const spike = await dryJson(s);
    expect(spike.regime).toEqual({ vix: 30, name: 'high', heat_limit_pct: 20 });
    const size = (d: Done, t: string) =>
      d.candidates.find((c) => c.ticker === t)?.size.final_notional ?? NaN;
    expect(calm.candidates.find((c) => c.ticker === 'AMZN')).toMatchObject({ accepted: true });
    expect(spike.candidates.find((c) => c.ticker === 'AMZN')).toMatchObject({
      accepted: false,
      stage: 'regime',
      reason_code: 'regime_breakouts_off',
    });
    expect(spike.candidates.find((c) => c.ticker === 'AAPL')?.size.regime_scalar).toBe(0.7);
    expect(size(spike, 'AAPL')).toBeLessThan(size(calm, 'AAPL'));
    expect(size(spike, 'AAPL')).toBeCloseTo(size(calm, 'AAPL') * 0.7, 1);

    await control(s.sim).trade({ symbol: 'VIXY', price: 20 });
    await done(s);
    await control(s.sim).trade({ symbol: 'VIXY', price: 40 });
    await done(s);
    await withStore(s.root, (store) => {
      expect(regimeLog(store).map((l) => [l.previous, l.regime, l.vix])).toEqual([
        [null, 'normal', 20],
        ['normal', 'extreme', 40],
      ]);
      expect(regimeLog(store)[1]?.action).toContain('breakouts off');
    });
  });

  it('a signal blocked by max_positions enters on day 2; another stays pending and expires on day 4', async (ctx) => {
    const s = await sim(ctx, 20);
    writeConfig(s.root, 'capital:\n  max_positions: 1\n');
    writeCsv(s.root, [{ ticker: 'AAPL' }, { ticker: 'MSFT' }, { ticker: 'JPM' }]);
    const day1 = await done(s);
    expect(day1.candidates.map((c) => [c.signal.ticker, c.accepted, c.reasonCode])).toEqual([
      ['AAPL', true, null],
      ['MSFT', false, 'max_positions'],
      ['JPM', false, 'max_positions'],
    ]);
    await withStore(s.root, (store) => {
      expect(pendingSignals(store).map((p) => [p.signal.ticker, p.status, p.reasonCode])).toEqual([
        ['JPM', 'pending', 'max_positions'],
        ['MSFT', 'pending', 'max_positions'],
      ]);
    });

    writeConfig(s.root, 'capital:\n  max_positions: 2\n');
    writeCsv(s.root, []);
    await control(s.sim).clock({ to: '2024-05-02T13:35:00Z', quiet: true });
    const day2 = await done(s);
    expect(
      day2.candidates.map((c) => [c.signal.ticker, c.source, c.accepted, c.reasonCode]),
    ).toEqual([
      ['MSFT', 'pending', true, null],
      ['JPM', 'pending', false, 'max_positions'],
    ]);
    expect((await buys(s)).map((o) => o.symbol).sort()).toEqual(['AAPL', 'MSFT']);

    await control(s.sim).clock({ to: '2024-05-03T13:35:00Z', quiet: true });
    const day3 = await done(s);
    expect(day3.candidates.map((c) => [c.signal.ticker, c.reasonCode])).toEqual([
      ['JPM', 'max_positions'],
    ]);
    // `status` shows it (its exit code speaks of the daemon, not running here).
    const status = await runCli(['status', '--json'], { ...s.env, TRADING_DISABLED: '' });
    expect((JSON.parse(status.stdout) as { pendingSignals: unknown[] }).pendingSignals).toEqual([
      expect.objectContaining({
        ticker: 'JPM',
        strategy: 'mean_reversion',
        firstDay: '2024-05-01',
        reasonCode: 'max_positions',
        retries: 2,
      }),
    ]);
    await control(s.sim).clock({ to: '2024-05-06T13:35:00Z', quiet: true });
    const day4 = await done(s);
    expect(day4.candidates).toEqual([]);
    await withStore(s.root, (store) => {
      const book = new Map(pendingSignals(store).map((p) => [p.signal.ticker, p]));
      expect(book.get('MSFT')).toMatchObject({ status: 'entered', closedDay: '2024-05-02' });
      expect(book.get('JPM')).toMatchObject({
        status: 'expired',
        closedDay: '2024-05-06',
        firstDay: '2024-05-01',
      });
    });
    expect(
      readEvents(s.root)
        .filter((e) => e.type === 'SIGNAL_REJECTED' && e.reason_code === 'pending_expired')
        .map((e) => e.ticker),
    ).toEqual(['JPM']);
  });
});
