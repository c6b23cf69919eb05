/**
 * The risk authority in `strikeline trade`, against the simulator through the official SDK: each breaker and kill
 * condition stops or scales entries (dry run says which), the order kills trip on the simulator's rejections and
 * latch until `strikeline resume --ack`, the reconciliation gate halts on the daemon's ledger disagreeing with the
 * broker, and every `circuit_breakers:` key changed in config.yaml changes what happens. The daily-loss halt with
 * its mail is in trade.int.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import type { BreakerTrip } from '../../../src/domain/rules/risk/breaker.ts';
import { emptyRiskBook, type RiskBook } from '../../../src/domain/rules/risk/risk-book.ts';
import type { Entry, PlanItem } from '../../../src/jobs/trade/plan-entries.ts';
import type { TradeJobResult } from '../../../src/jobs/trade/trade-job.ts';
import type { Store } from '../../../src/domain/store.ts';
import {
  readLedger,
  readRiskBook,
  updateLedger,
  updateRiskBook,
  type LocalLedger,
} from '../../../src/records/risk-state.ts';
import { runCli } from '../../support/run-cli.ts';
import {
  control,
  sdkFor,
  startTestSimulator,
  waitFor,
  type TestSimulator,
} from '../../support/sim.ts';
import { brokerFor, tradeInProcess, withStore, writeConfig, writeCsv } from './jobs-support.ts';

const DAY = '2024-05-01';
const T0 = Date.parse('2024-05-01T13:35:00Z');
const MIN = 60_000;

async function sim(ctx: TestContext, config = ''): Promise<TestSimulator> {
  const t = await startTestSimulator();
  ctx.onTestFinished(() => t.stop());
  await control(t.sim).clock({ to: '2024-05-01T13:35:00Z', quiet: true });
  // The VIX proxy in the normal regime: the pipeline's regime scalar is 1 (docs/pipeline.md).
  await control(t.sim).trade({ symbol: 'VIXY', price: 20 });
  writeConfig(t.root, config);
  return t;
}
const seedBook = (t: TestSimulator, patch: Partial<RiskBook>) =>
  withStore(t.root, (s) =>
    updateRiskBook(s, DAY, () => ({
      book: { ...emptyRiskBook(DAY), ...patch },
      result: undefined,
    })),
  );
const writeLedger = (s: Store, ledger: LocalLedger): Promise<void> =>
  updateLedger(s, () => ({ ledger, result: undefined }));
const book = (t: TestSimulator) => withStore(t.root, (s) => readRiskBook(s, DAY));
const done = (r: TradeJobResult) => {
  if (r.kind !== 'done') throw new Error(`expected a plan, got ${r.kind}: ${r.message}`);
  return r;
};
const item = (r: TradeJobResult, ticker: string): PlanItem | undefined =>
  done(r).items.find((i) => i.signal.ticker === ticker);
const dry = async (t: TestSimulator, config?: string) => {
  if (config !== undefined) writeConfig(t.root, config);
  return (await tradeInProcess(t, { dryRun: true })).result;
};
const events = (t: TestSimulator): Array<Record<string, unknown>> =>
  readFileSync(join(t.root, 'logs', 'events', 'events_trade-test.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const risk = async (t: TestSimulator) =>
  JSON.parse((await runCli(['risk', '--json'], { ...t.env, TRADING_DISABLED: '' })).stdout) as {
    state: string;
    size_scalar: number;
    breakers: Array<{ name: string; scope: string; tripped: boolean; until: string | null }>;
  };
const trip = (
  p: Partial<BreakerTrip> & Pick<BreakerTrip, 'name' | 'scope' | 'action'>,
): BreakerTrip => ({
  tsTriggered: T0 - MIN,
  tsExpires: null,
  reason: `${p.name} test trip`,
  value: null,
  threshold: null,
  whileCondition: false,
  ...p,
});

describe.concurrent('trade under the risk authority', { timeout: 120_000 }, () => {
  it('drawdown scales entries by drawdown_scale below drawdown_pct from the persisted high-water mark', async (ctx) => {
    const t = await sim(ctx, 'circuit_breakers:\n  drawdown_pct: 30\n');
    writeCsv(t.root, [{ ticker: 'AAPL' }]);
    // Equity $100,000 against a high-water mark of $130,000: 23% down.
    await seedBook(t, {
      equity: { current: 130_000, lastClose: 130_000, highWater: 130_000, ts: T0 - 86_400_000 },
    });
    const whole = item(await dry(t), 'AAPL') as Entry;
    expect(whole.riskNote).toBeUndefined();
    const half = item(await dry(t, ''), 'AAPL') as Entry;
    expect(half.notional).toBeCloseTo((whole.notional ?? 0) * 0.5, 1);
    expect(half.riskNote).toMatch(
      /^scaled x0\.5 by drawdown: equity 23\.08% below its high-water mark \(limit 15%\)/,
    );
    const shown = await tradeInProcess(t, { dryRun: true });
    expect(shown.text).toContain('scaled x0.5 by drawdown');
    const scaled = item(
      await dry(t, 'circuit_breakers:\n  drawdown_scale: 0.25\n'),
      'AAPL',
    ) as Entry;
    expect(scaled.notional).toBeCloseTo((whole.notional ?? 0) * 0.25, 1);
  });

  it('rapid loss pauses entries for rapid_loss_pause_min after rapid_loss_pct within rapid_loss_window_min', async (ctx) => {
    const t = await sim(ctx);
    writeCsv(t.root, [{ ticker: 'AAPL' }]);
    const seeded = {
      window: [{ ts: T0 - 5 * MIN, equity: 102_000 }],
      equity: { current: 102_000, lastClose: 100_000, highWater: 102_000, ts: T0 - 5 * MIN },
    };
    await seedBook(t, seeded);
    expect(item(await dry(t), 'AAPL')).toMatchObject({
      kind: 'skip',
      reason: expect.stringMatching(
        /^stopped by rapid_loss: equity fell 1\.96% within 15 minutes/,
      ) as unknown,
    });
    expect(
      item(await dry(t, 'circuit_breakers:\n  rapid_loss_window_min: 4\n'), 'AAPL')?.kind,
    ).toBe('buy');
    expect(item(await dry(t, 'circuit_breakers:\n  rapid_loss_pct: 3\n'), 'AAPL')?.kind).toBe(
      'buy',
    );
    writeConfig(t.root, '');
    const live = (await tradeInProcess(t)).result;
    expect(live).toMatchObject({
      kind: 'breaker',
      message: expect.stringContaining('rapid_loss') as unknown,
    });
    const paused = (await book(t)).trips.find((x) => x.name === 'rapid_loss');
    expect((paused?.tsExpires ?? 0) - (paused?.tsTriggered ?? 0)).toBe(30 * MIN);
    await seedBook(t, seeded);
    writeConfig(t.root, 'circuit_breakers:\n  rapid_loss_pause_min: 10\n');
    await tradeInProcess(t);
    const shorter = (await book(t)).trips.find((x) => x.name === 'rapid_loss');
    expect((shorter?.tsExpires ?? 0) - (shorter?.tsTriggered ?? 0)).toBe(10 * MIN);
    expect(
      events(t)
        .filter((e) => e.type === 'RISK_LIMIT_HIT')
        .map((e) => e.breaker),
    ).toEqual(['rapid_loss', 'rapid_loss']);
  });

  it('a paused or disabled strategy has its entries stopped, the others go; an expired pause stops nothing', async (ctx) => {
    const t = await sim(ctx);
    writeCsv(t.root, [
      { ticker: 'AAPL', strategy: 'momentum' },
      { ticker: 'MSFT', strategy: 'gap_fill' },
      { ticker: 'NVDA', strategy: 'ma_crossover' },
    ]);
    await seedBook(t, {
      trips: [
        trip({
          name: 'consecutive_losses',
          scope: 'momentum',
          action: 'pause',
          tsExpires: T0 + 3 * 3_600_000,
        }),
        trip({
          name: 'strategy_loss',
          scope: 'ma_crossover',
          action: 'disable',
          tsExpires: T0 + 20 * 3_600_000,
        }),
        trip({
          name: 'strategy_loss',
          scope: 'gap_fill',
          action: 'disable',
          tsTriggered: T0 - 2 * 86_400_000,
          tsExpires: T0 - 86_400_000,
        }),
      ],
    });
    const r = await tradeInProcess(t, { dryRun: true });
    expect(item(r.result, 'AAPL')).toMatchObject({
      kind: 'skip',
      reason: 'stopped by consecutive_losses: consecutive_losses test trip',
    });
    expect(item(r.result, 'NVDA')).toMatchObject({
      kind: 'skip',
      reason: 'stopped by strategy_loss: strategy_loss test trip',
    });
    expect(item(r.result, 'MSFT')?.kind).toBe('buy');
    expect(r.text).toMatch(/AAPL\s+momentum\s+skip .*stopped by consecutive_losses/);
  });

  it('consecutive order failures kill: the rest stopped, latched until resume --ack; kill_consecutive_failures moves it', async (ctx) => {
    const t = await sim(ctx);
    writeCsv(
      t.root,
      ['AAPL', 'MSFT', 'NVDA', 'AMD'].map((ticker) => ({ ticker })),
    );
    await control(t.sim).faults({
      kind: 'reject_orders',
      count: 3,
      status: 403,
      message: 'insufficient day trading buying power',
    });
    const first = done((await tradeInProcess(t)).result);
    expect(first.outcomes.map((o) => o.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'stopped',
    ]);
    expect(first.outcomes[3]?.reason).toBe(
      'stopped by consecutive_failures: kill switch: 3 order failures in a row (limit 3)',
    );
    expect(events(t).find((e) => e.type === 'KILL_SWITCH_TRIGGERED')).toMatchObject({
      breaker: 'consecutive_failures',
      expires_at: null,
    });
    expect(await risk(t)).toMatchObject({
      state: 'HALTED',
      breakers: expect.arrayContaining([
        expect.objectContaining({ name: 'consecutive_failures', tripped: true, until: null }),
      ]) as unknown,
    });
    const resumed = await runCli(
      ['resume', '--ack', 'broker confirmed the rejections were a maintenance window'],
      { ...t.env, TRADING_DISABLED: '' },
    );
    expect(resumed.stdout).toContain('kill condition acknowledged: consecutive_failures');
    expect((await risk(t)).state).toBe('ACTIVE');
    const second = done((await tradeInProcess(t)).result);
    expect(second.outcomes.find((o) => o.entry.signal.ticker === 'AMD')?.status).toBe('submitted');
    await withStore(t.root, (s) => {
      expect(
        s.journal
          .list()
          .filter((e) => e.action === 'resume_kills')
          .map((e) => e.reason),
      ).toEqual(['broker confirmed the rejections were a maintenance window']);
    });

    const u = await sim(ctx, 'circuit_breakers:\n  kill_consecutive_failures: 4\n');
    writeCsv(
      u.root,
      ['AAPL', 'MSFT', 'NVDA', 'AMD'].map((ticker) => ({ ticker })),
    );
    await control(u.sim).faults({ kind: 'reject_orders', count: 3, status: 403 });
    expect(done((await tradeInProcess(u)).result).outcomes.map((o) => o.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'submitted',
    ]);
  });

  it('the rejection-rate kill needs kill_rejection_min_count rejections above kill_rejection_rate_pct', async (ctx) => {
    const tickers = ['AAPL', 'MSFT', 'NVDA', 'AMD', 'GOOGL', 'META'].map((ticker) => ({ ticker }));
    const run = async (extra: string) => {
      const t = await sim(ctx, `circuit_breakers:\n  kill_consecutive_failures: 100\n${extra}`);
      writeCsv(t.root, tickers);
      await control(t.sim).faults({ kind: 'reject_orders', count: 5, status: 403 });
      return done((await tradeInProcess(t)).result).outcomes;
    };
    const [killed, fewer, higher] = await Promise.all([
      run(''),
      run('  kill_rejection_min_count: 6\n'),
      run('  kill_rejection_rate_pct: 100\n'),
    ]);
    expect(killed[5]).toMatchObject({
      status: 'stopped',
      reason:
        'stopped by rejection_rate: kill switch: 5 of 5 orders rejected today, 100.00% (limit 50% with at least 5)',
    });
    expect(fewer[5]?.status).toBe('submitted');
    expect(higher[5]?.status).toBe('submitted');
  });

  it('reconciliation: the ledger beyond reconciliation_tolerance_pct halts with every discrepancy; within it, trade goes on', async (ctx) => {
    const t = await sim(ctx, 'circuit_breakers:\n  reconciliation_tolerance_pct: 0\n');
    writeCsv(t.root, [{ ticker: 'AAPL' }]);
    const cash = (await brokerFor(t).getAccount()).cash;
    const ledger = { cash: cash * 1.005, lots: {}, tsReconciled: T0 - MIN, tsUpdated: T0 - MIN };
    await withStore(t.root, (s) => writeLedger(s, ledger));
    expect(item(await dry(t), 'AAPL')).toMatchObject({
      kind: 'skip',
      reason: expect.stringMatching(
        /^stopped by reconciliation: kill switch: reconciliation failed beyond 0%: cash: local \$100500\.00 vs broker \$100000\.00/,
      ) as unknown,
    });
    // Within the default 1%: it passes (bringing the ledger to the broker's is the daemon's: it alone writes it).
    writeConfig(t.root, '');
    expect(done((await tradeInProcess(t)).result).outcomes[0]?.status).toBe('submitted');
    expect(
      events(t)
        .filter((e) => e.type === 'RECONCILIATION_CHECK')
        .map((e) => e.status),
    ).toEqual(['FAIL', 'PASS', 'PASS']);
    expect((await withStore(t.root, (s) => readLedger(s)))?.cash).toBe(cash * 1.005);

    const u = await sim(ctx);
    writeCsv(u.root, [{ ticker: 'MSFT' }]);
    await withStore(u.root, (s) =>
      writeLedger(s, {
        ...ledger,
        cash,
        lots: { AAPL: { qty: 5, avgCost: 100, strategy: 'momentum' } },
      }),
    );
    const halted = (await tradeInProcess(u)).result;
    expect(halted).toMatchObject({
      kind: 'breaker',
      message: expect.stringContaining(
        'reconciliation: kill switch: reconciliation failed beyond 1%: AAPL: local 5 shares vs broker 0',
      ) as unknown,
    });
    expect(
      events(u)
        .filter((e) => e.type === 'RECONCILIATION_CHECK')
        .map((e) => e.status),
    ).toEqual(['FAIL']);
    await withStore(u.root, (s) => {
      expect(s.journal.list().find((e) => e.action === 'breaker_tripped')?.reason).toContain(
        'AAPL: local 5 shares vs broker 0',
      );
    });
  });

  it('a daily drawdown beyond kill_daily_drawdown_pct kills (latched); daily_loss_pct and the kill threshold move it', async (ctx) => {
    const t = await sim(ctx);
    const sdk = sdkFor(t.sim);
    await control(t.sim).trade({ symbol: 'AAPL', price: 100, size: 1000 });
    await sdk.alpaca.trading.orders.market({ symbol: 'AAPL', qty: 600, side: 'buy' });
    await waitFor(
      async () => (await brokerFor(t).listPositions()).length === 1,
      5000,
      'the AAPL position',
    );
    // 600 x $11 = $6,600 down: 6.6% of last_equity.
    await control(t.sim).trade({ symbol: 'AAPL', price: 89, size: 100 });
    writeCsv(t.root, [{ ticker: 'MSFT' }]);
    expect(item(await dry(t), 'MSFT')).toMatchObject({
      reason: expect.stringMatching(
        /^stopped by daily_drawdown_kill: kill switch: daily drawdown 6\.\d\d% \(limit 5%\)/,
      ) as unknown,
    });
    expect(
      item(await dry(t, 'circuit_breakers:\n  kill_daily_drawdown_pct: 10\n'), 'MSFT'),
    ).toMatchObject({ reason: expect.stringMatching(/^stopped by daily_loss/) as unknown });
    // The AAPL position is over half the equity: the heat limit is lifted so only the breakers decide.
    expect(
      item(
        await dry(
          t,
          'circuit_breakers:\n  kill_daily_drawdown_pct: 10\n  daily_loss_pct: 8\nvix_regimes:\n  heat_normal_pct: 100\n',
        ),
        'MSFT',
      )?.kind,
    ).toBe('buy');
    writeConfig(t.root, '');
    expect((await tradeInProcess(t)).result.kind).toBe('breaker');
    expect(
      events(t)
        .filter((e) => e.type === 'KILL_SWITCH_TRIGGERED')
        .map((e) => e.breaker),
    ).toEqual(['daily_drawdown_kill']);
    expect((await risk(t)).breakers.filter((b) => b.tripped).map((b) => [b.name, b.until])).toEqual(
      [
        ['daily_loss', '2024-05-01T20:00:00.000Z'],
        ['daily_drawdown_kill', null],
      ],
    );
  });
});
