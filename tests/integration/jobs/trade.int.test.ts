/**
 * `strikeline trade` against the simulator, through the real CLI, the Alpaca adapter and the official SDK:
 * allocation by the formula, fractional (notional) and whole-share entries, the one whole-share retry after
 * "not fractionable", a second run that places nothing (also after a crash between submit and journal),
 * the closed-day no-op, the halt refusal and the daily-loss halt.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import type { OrderReport } from '../../../src/domain/orders.ts';
import { floorCents } from '../../../src/domain/rules/allocation.ts';
import { entryClientOrderId } from '../../../src/domain/ids/client-order-ids.ts';
import type { IntentRecord } from '../../../src/records/intent-record.ts';
import { writeSafety } from '../../../src/records/safety-state.ts';
import { startSmtpSink } from '../../support/ops.ts';
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

/** A simulator of its own for the test, at 09:35 New York on Wednesday 2024-05-01 unless `start` says otherwise. */
async function sim(
  ctx: TestContext,
  options: { notFractionable?: string[]; start?: string } = {},
): Promise<TestSimulator> {
  const t = await startTestSimulator({
    ...(options.notFractionable === undefined ? {} : { notFractionable: options.notFractionable }),
    ...(options.start === undefined ? {} : { start: options.start }),
  });
  // The context's hook: with concurrent tests the global onTestFinished could attach to another test.
  ctx.onTestFinished(() => t.stop());
  if (options.start === undefined) {
    await control(t.sim).clock({ to: '2024-05-01T13:35:00Z', quiet: true });
    // The VIX proxy in the normal regime (scalar 1): the sizes below are the caps' (docs/pipeline.md).
    await control(t.sim).trade({ symbol: 'VIXY', price: 20 });
  }
  writeConfig(t.root, '');
  return t;
}

const trade = (sim: TestSimulator, args: string[] = [], env: Record<string, string> = {}) =>
  runCli(['trade', ...args], { ...sim.env, TRADING_DISABLED: '', ...env });
/** The same job in this process (see tradeInProcess), shaped like a CLI result: cheaper where exit codes are not the point. */
const tradeIn = async (sim: TestSimulator) => {
  const { result, text } = await tradeInProcess(sim);
  return {
    code: result.kind === 'done' || result.kind === 'closed' ? 0 : 1,
    stdout: `${text}\n`,
    stderr: '',
  };
};
const entries = async (sim: TestSimulator): Promise<OrderReport[]> =>
  (await brokerFor(sim).listOrders({ status: 'all', limit: 500 })).filter((o) => o.side === 'buy');

// Every test has its own simulator and install, so they run side by side.
describe.concurrent('strikeline trade', { timeout: 90_000 }, () => {
  it('allocates by the formula, buys notional where fractionable and whole shares elsewhere, and a second run places nothing', async (ctx) => {
    const s = await sim(ctx, { notFractionable: ['MSFT'] });
    writeConfig(
      s.root,
      'capital:\n  cash_buffer_pct: 5\n  max_position_pct: 5\n  max_position_usd: 40000\n',
    );
    writeCsv(s.root, [
      { ticker: 'AAPL' },
      { ticker: 'MSFT', strategy: 'gap_fill' },
      { ticker: 'NVDA' },
      { ticker: 'AMD', strategy: 'sector_rotation' },
    ]);
    const broker = brokerFor(s);
    const account = await broker.getAccount();
    const prices = await broker.getLatestPrices(['MSFT']);
    // max_position_pct: 5 % of equity is the smallest limit (ATR sizing, the strategies' allocations, the 30 %
    // heat limit of the normal regime and the cash are all larger); regime, correlation and risk scalars are 1.
    const each = floorCents(0.05 * account.equity);
    const msftQty = Math.floor(each / (prices.MSFT?.ask ?? 0));
    expect(each).toBeGreaterThan(4_000);

    // --csv reads another file: the dry run uses a copy, so the real run below proves the default path.
    copyFileSync(join(s.root, 'data', 'actionable_signals.csv'), join(s.root, 'other.csv'));
    const dry = await trade(s, ['--dry-run', '--csv', join(s.root, 'other.csv')]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run: nothing sent');
    expect(dry.stdout).toMatch(/MSFT\s+gap_fill\s+would buy\s+\d+ sh/);
    expect(await entries(s)).toEqual([]);

    const first = await trade(s);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /AMD\s+sector_rotation\s+skip.*strategy sector_rotation is disabled/,
    );
    const orders = await entries(s);
    const byId = new Map(orders.map((o) => [o.clientOrderId, o]));
    const id = (ticker: string, strategy = 'mean_reversion') =>
      entryClientOrderId({ day: DAY, ticker, strategy });
    expect(byId.get(id('AAPL'))).toMatchObject({
      symbol: 'AAPL',
      notional: each,
      type: 'market',
      timeInForce: 'day',
    });
    expect(byId.get(id('NVDA'))).toMatchObject({ symbol: 'NVDA', notional: each });
    expect(byId.get(id('MSFT', 'gap_fill'))).toMatchObject({
      symbol: 'MSFT',
      qty: msftQty,
      notional: null,
    });
    expect(orders).toHaveLength(3);

    await withStore(s.root, (store) => {
      const submitted = store.journal
        .list()
        .filter((e) => e.actor === 'trade' && e.action === 'entry_submitted');
      expect(submitted.map((e) => e.symbol).sort()).toEqual(['AAPL', 'MSFT', 'NVDA']);
      expect(submitted.find((e) => e.symbol === 'MSFT')?.data).toMatchObject({
        strategy: 'gap_fill',
        qty: msftQty,
        allocation: each,
      });
      const intent = store.table<IntentRecord>('intents').get(id('AAPL'));
      expect(intent).toMatchObject({
        status: 'submitted',
        notional: each,
        brokerOrderId: byId.get(id('AAPL'))?.id,
      });
      expect(
        store.journal
          .list()
          .filter((e) => e.action === 'entry_skipped')
          .map((e) => e.symbol),
      ).toEqual(['AMD']);
    });

    const second = await tradeIn(s);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('submitted 0');
    expect(await entries(s)).toHaveLength(3);
  });

  it('retries once as whole shares when the broker answers "not fractionable"', async (ctx) => {
    const s = await sim(ctx);
    writeCsv(s.root, [{ ticker: 'AAPL' }]);
    await control(s.sim).faults({
      kind: 'reject_orders',
      count: 1,
      status: 403,
      message: 'asset "AAPL" is not fractionable',
    });
    const ask = (await brokerFor(s).getLatestPrices(['AAPL'])).AAPL?.ask ?? 0;
    const result = await tradeIn(s);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('bought (whole-share retry)');
    const orders = await entries(s);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      clientOrderId: entryClientOrderId({
        day: DAY,
        ticker: 'AAPL',
        strategy: 'mean_reversion',
        kind: 'entry-whole',
      }),
      qty: Math.floor(5000 / ask),
      notional: null,
    });
    await withStore(s.root, (store) => {
      const actions = store.journal
        .list()
        .filter((e) => e.actor === 'trade')
        .map((e) => e.action);
      expect(actions).toEqual(['entry_rejected', 'entry_submitted']);
      expect(
        store
          .table<IntentRecord>('intents')
          .get(entryClientOrderId({ day: DAY, ticker: 'AAPL', strategy: 'mean_reversion' })),
      ).toMatchObject({ status: 'fell_back' });
    });
    expect((await tradeIn(s)).stdout).toContain('submitted 0');
    expect(await entries(s)).toHaveLength(1);
  });

  it('rejects an allocation below one whole share, with the reason, in data/rejected_tickers', async (ctx) => {
    const s = await sim(ctx, { notFractionable: ['MSFT'] });
    writeConfig(s.root, 'capital:\n  max_position_usd: 50\n');
    writeCsv(s.root, [{ ticker: 'MSFT' }, { ticker: 'AAPL' }]);
    const result = await tradeIn(s);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /MSFT\s+mean_reversion\s+rejected.*\$50\.00 buys less than one whole share/,
    );
    const orders = await entries(s);
    expect(orders.map((o) => [o.symbol, o.notional])).toEqual([['AAPL', 50]]);
    const rejected = readFileSync(
      join(s.root, 'data', 'rejected_tickers', `rejected_${DAY}.jsonl`),
      'utf8',
    )
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(rejected).toEqual([
      {
        date: DAY,
        ticker: 'MSFT',
        stage: 'trade',
        reason: expect.stringContaining('buys less than one whole share') as string,
        strategy: 'mean_reversion',
      },
    ]);
  });

  it('records a broker rejection once: the next run does not send it again', async (ctx) => {
    const s = await sim(ctx);
    writeCsv(s.root, [{ ticker: 'AAPL' }, { ticker: 'MSFT' }]);
    await control(s.sim).faults({
      kind: 'reject_orders',
      count: 1,
      status: 403,
      message: 'insufficient buying power',
    });
    const first = await tradeIn(s);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /AAPL\s+mean_reversion\s+rejected.*broker: insufficient buying power/,
    );
    expect((await entries(s)).map((o) => o.symbol)).toEqual(['MSFT']);
    const rejected = readFileSync(
      join(s.root, 'data', 'rejected_tickers', `rejected_${DAY}.jsonl`),
      'utf8',
    );
    expect(rejected).toContain(
      '"ticker":"AAPL","stage":"trade","reason":"broker: insufficient buying power"',
    );
    const second = await tradeIn(s);
    expect(second.stdout).toMatch(/AAPL\s+mean_reversion\s+rejected.*rejected earlier today/);
    expect((await entries(s)).map((o) => o.symbol)).toEqual(['MSFT']);
  });

  it('leaves an unclear outcome (HTTP 500) unknown, and the next run resolves it by client_order_id before sending', async (ctx) => {
    const s = await sim(ctx);
    writeCsv(s.root, [{ ticker: 'AAPL' }]);
    await control(s.sim).faults({
      kind: 'reject_orders',
      count: 1,
      status: 500,
      message: 'internal error',
    });
    const first = await tradeIn(s);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('unknown 1');
    expect(await entries(s)).toEqual([]);
    await control(s.sim).clock({ advance_ms: 60_000, quiet: true });
    const second = await tradeIn(s);
    expect(second.stdout).toContain('submitted 1');
    const orders = await entries(s);
    expect(orders.map((o) => o.clientOrderId)).toEqual([
      entryClientOrderId({ day: DAY, ticker: 'AAPL', strategy: 'mean_reversion' }),
    ]);
    await withStore(s.root, (store) => {
      expect(
        store.journal
          .list()
          .filter((e) => e.actor === 'trade')
          .map((e) => e.action),
      ).toEqual(['entry_unknown', 'entry_submitted']);
    });
  });

  it('resolves an intent left without a broker order (crash between submit and journal) instead of sending it again', async (ctx) => {
    const s = await sim(ctx);
    writeCsv(s.root, [{ ticker: 'AAPL' }]);
    expect((await tradeIn(s)).code).toBe(0);
    const broker = brokerFor(s);
    // The position is sold again, so only the intent journal stands between a re-run and a second entry.
    await broker.closePosition('AAPL');
    await waitFor(async () => (await broker.listPositions()).length === 0, 5000, 'a flat account');
    const id = entryClientOrderId({ day: DAY, ticker: 'AAPL', strategy: 'mean_reversion' });
    const orderId = await withStore(s.root, async (store) => {
      const intents = store.table<IntentRecord>('intents');
      const rec = intents.get(id);
      await intents.put(id, {
        ...rec!,
        status: 'pending',
        brokerOrderId: null,
        brokerStatus: null,
      });
      return rec!.brokerOrderId;
    });
    const rerun = await tradeIn(s);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('the broker already had it');
    expect(await entries(s)).toHaveLength(1);
    await withStore(s.root, (store) => {
      expect(store.table<IntentRecord>('intents').get(id)).toMatchObject({
        status: 'submitted',
        brokerOrderId: orderId,
      });
      expect(
        store.journal
          .list()
          .some((e) => e.action === 'entry_submitted' && e.reason.startsWith('recovered')),
      ).toBe(true);
    });
    expect((await tradeIn(s)).stdout).toContain('already submitted');
    expect(await entries(s)).toHaveLength(1);
  });

  it.for([
    [
      'a Saturday',
      '2024-05-04T13:35:00Z',
      'market closed today (2024-05-04 is not a trading day): nothing to do',
    ],
    [
      'Memorial Day',
      '2024-05-27T13:35:00Z',
      'market closed today (2024-05-27 is not a trading day): nothing to do',
    ],
    [
      'after the close',
      '2024-05-01T20:30:00Z',
      'market closed today (the 2024-05-01 session ended at 16:00 New York time): nothing to do',
    ],
  ] as const)('does nothing on %s (exit 0)', async ([name, start, message], ctx) => {
    const s = await sim(ctx, { start });
    writeCsv(s.root, [{ ticker: 'AAPL', signalDate: start.slice(0, 10) }]);
    const result = name === 'a Saturday' ? await trade(s) : await tradeIn(s);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(message);
    expect(await entries(s)).toEqual([]);
  });

  it('--json: every ranked signal with what was done (order, amount, reason); a refusal is {kind: refused} and exit 1', async (ctx) => {
    const s = await sim(ctx, { notFractionable: ['MSFT'] });
    writeCsv(s.root, [
      { ticker: 'AAPL' },
      { ticker: 'MSFT', strategy: 'gap_fill' },
      { ticker: 'AMD', strategy: 'sector_rotation' },
    ]);
    const done = await trade(s, ['--json']);
    expect(done.code).toBe(0);
    expect(done.stderr).toBe('');
    const json = JSON.parse(done.stdout) as {
      kind: string;
      day: string;
      dryRun: boolean;
      allocation: { perEntry: number };
      entries: Array<Record<string, unknown>>;
      csvProblems: string[];
    };
    expect(json).toMatchObject({ kind: 'done', day: DAY, dryRun: false, csvProblems: [] });
    const orders = new Map((await entries(s)).map((o) => [o.symbol, o]));
    const each = json.allocation.perEntry;
    expect(json.entries).toEqual([
      expect.objectContaining({
        rank: 1,
        ticker: 'AAPL',
        strategy: 'mean_reversion',
        plan: 'buy',
        status: 'submitted',
        notional: each,
        qty: null,
        fractionable: true,
        fallback: false,
        clientOrderId: entryClientOrderId({ day: DAY, ticker: 'AAPL', strategy: 'mean_reversion' }),
        order: { id: orders.get('AAPL')?.id, status: expect.any(String) },
      }),
      expect.objectContaining({
        rank: 2,
        ticker: 'MSFT',
        plan: 'buy',
        status: 'submitted',
        notional: null,
        qty: orders.get('MSFT')?.qty,
        fractionable: false,
      }),
      expect.objectContaining({
        rank: 3,
        ticker: 'AMD',
        plan: 'skip',
        status: null,
        order: null,
        reason: expect.stringContaining('strategy sector_rotation is disabled'),
      }),
    ]);
    mkdirSync(join(s.root, 'killswitch'), { recursive: true });
    writeFileSync(join(s.root, 'killswitch', 'HALT'), 'maintenance window\n');
    const refused = await trade(s, ['--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toEqual({
      kind: 'refused',
      message: expect.stringMatching(/^trading is halted: .*maintenance window/),
    });
    expect(refused.stderr).toMatch(/^strikeline: trading is halted: /);
  });

  it('fails with a clear message when there is no CSV (rank did not run)', async (ctx) => {
    const s = await sim(ctx);
    writeCsv(s.root, []);
    rmSync(join(s.root, 'data', 'actionable_signals.csv'));
    await expect(tradeInProcess(s)).rejects.toThrow(
      `no actionable signals at ${join(s.root, 'data', 'actionable_signals.csv')}: run strikeline rank first (or pass --csv PATH)`,
    );
  });

  it('refuses while halted or TRADING_DISABLED (exit 1), sending nothing', async (ctx) => {
    const s = await sim(ctx);
    writeCsv(s.root, [{ ticker: 'AAPL' }]);
    const disabled = await trade(s, [], { TRADING_DISABLED: 'true' });
    expect(disabled.code).toBe(1);
    expect(disabled.stderr).toContain('trading is disabled: TRADING_DISABLED is set');
    mkdirSync(join(s.root, 'killswitch'), { recursive: true });
    writeFileSync(join(s.root, 'killswitch', 'HALT'), 'maintenance window\n');
    const halted = await trade(s);
    expect(halted.code).toBe(1);
    expect(halted.stderr).toMatch(
      /^strikeline: trading is halted: .*killswitch\/HALT exists \(maintenance window/,
    );
    expect(await entries(s)).toEqual([]);
  });

  it('refuses while the daemon is in safety mode (seed 000 SOP), sending nothing', async (ctx) => {
    const s = await sim(ctx);
    writeCsv(s.root, [{ ticker: 'AAPL' }]);
    await withStore(s.root, (store) =>
      writeSafety(store, {
        active: true,
        feed: 'trading',
        reason: 'disconnected',
        onDisconnect: 'protect_only',
        tsEntered: Date.parse('2024-05-01T13:20:00Z'),
        tsExited: null,
        pid: 1,
      }),
    );
    const refused = await trade(s);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^strikeline: the daemon is in safety mode since 2024-05-01T13:20:00\.000Z \(trading stream: disconnected\)/,
    );
    expect(await entries(s)).toEqual([]);
  });

  it('trips the daily-loss breaker: HALTED for the session, pending entries cancelled, protection kept, journaled, alerted, exit 1', async (ctx) => {
    const s = await sim(ctx);
    const smtp = await startSmtpSink();
    try {
      const sdk = sdkFor(s.sim);
      await control(s.sim).trade({ symbol: 'AAPL', price: 100, size: 1000 });
      await sdk.alpaca.trading.orders.market({ symbol: 'AAPL', qty: 600, side: 'buy' });
      await waitFor(
        async () => (await brokerFor(s).listPositions()).length === 1,
        5000,
        'the AAPL position',
      );
      await sdk.alpaca.trading.orders.limit({
        symbol: 'MSFT',
        qty: 1,
        side: 'buy',
        limitPrice: 1,
        timeInForce: 'day',
      });
      // AAPL falls 5%: 600 x $5 = $3,000, 3% of last_equity ($100,000).
      await control(s.sim).trade({ symbol: 'AAPL', price: 95, size: 100 });
      const account = await brokerFor(s).getAccount();
      expect((account.equity - account.lastEquity) / account.lastEquity).toBeLessThan(-0.02);
      writeCsv(s.root, [{ ticker: 'MSFT' }]);

      const result = await trade(s, [], smtp.env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /trading is HALTED by the risk authority \(daily_loss: equity -?\d\.\d\d% below the last close \(limit 2%\): halted for the rest of the session\); nothing was sent, 1 pending entry orders cancelled/,
      );
      // The authority halts entries, not protection: no HALT file, which would stop the daemon's orders too.
      expect(existsSync(join(s.root, 'killswitch', 'HALT'))).toBe(false);
      expect((await control(s.sim).state()).open_orders).toEqual([]);
      expect(
        await entries(s).then((o) =>
          o.filter((x) => x.symbol === 'MSFT' && x.status === 'canceled'),
        ),
      ).toHaveLength(1);
      await withStore(s.root, (store) => {
        expect(
          store.journal
            .list()
            .filter((e) => e.actor === 'trade')
            .map((e) => e.action),
        ).toEqual(['breaker_tripped', 'entries_cancelled']);
      });
      await waitFor(() => smtp.mails.length >= 1, 5000, 'the alert');
      expect(smtp.mails.find((m) => m.to.includes('ops@example.com'))?.raw).toContain(
        'TRADING HALTED: daily_loss breaker',
      );
      const risk = await runCli(['risk', '--json'], { ...s.env, TRADING_DISABLED: '' });
      expect(JSON.parse(risk.stdout)).toMatchObject({
        state: 'HALTED',
        size_scalar: 0,
        breakers: expect.arrayContaining([
          expect.objectContaining({
            name: 'daily_loss',
            scope: 'account',
            tripped: true,
            until: '2024-05-01T20:00:00.000Z',
            threshold: 0.02,
          }),
        ]) as unknown,
        equity: { last_close: 100_000 },
      });

      const again = await tradeIn(s);
      expect(again.code).toBe(1);
      expect(again.stdout).toContain('trading is HALTED by the risk authority (daily_loss');
    } finally {
      await smtp.close();
    }
  });
});
