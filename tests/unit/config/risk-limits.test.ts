/**
 * Every `circuit_breakers:` key is read (config/risk-limits.ts) and changes what the risk rules decide: for each
 * key, one scenario decided with the default and with a changed value gives a different outcome. The same keys
 * end to end: tests/integration/jobs/trade-risk.int.test.ts and tests/integration/daemon/risk.int.test.ts.
 */
import type { Subscription } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { riskLimitsOf } from '../../../src/config/risk-limits.ts';
import { configSchema } from '../../../src/config/schema.ts';
import { accountBreakers } from '../../../src/domain/rules/risk/account-breakers.ts';
import type { RiskLimits } from '../../../src/domain/rules/risk/breaker.ts';
import {
  applyOrderOutcome,
  emptyOrderStats,
  orderBreakers,
} from '../../../src/domain/rules/risk/order-breakers.ts';
import { reconcile, reconciliationBreaker } from '../../../src/domain/rules/risk/reconcile.ts';
import { applyEvaluation, emptyRiskBook } from '../../../src/domain/rules/risk/risk-book.ts';
import { riskView } from '../../../src/domain/rules/risk/risk-view.ts';
import {
  strategyBreakers,
  type ClosedTrade,
} from '../../../src/domain/rules/risk/strategy-breakers.ts';
import type { MarketTrade } from '../../../src/domain/events.ts';
import type { Price } from '../../../src/domain/money.ts';
import { markPrices } from '../../../src/operators/mark-prices.ts';
import { marbles } from '../../support/marbles.ts';

const NOW = 1_714_570_000_000;
const limits = (key?: string, value?: number): RiskLimits =>
  riskLimitsOf(configSchema.parse(key === undefined ? {} : { circuit_breakers: { [key]: value } }));

/** Equity $100,000 after a close of `lastClose`, a high-water mark and one earlier reading of the window. */
const account = (
  l: RiskLimits,
  a: { lastClose?: number; highWater?: number; earlier?: { ago: number; equity: number } },
) => {
  const e = accountBreakers(
    {
      now: NOW,
      equity: 100_000,
      lastClose: a.lastClose ?? 100_000,
      highWater: a.highWater ?? 100_000,
      window:
        a.earlier === undefined
          ? []
          : [{ ts: NOW - a.earlier.ago, equity: a.earlier.equity }].filter(
              (s) => s.ts >= NOW - l.rapidLossWindowMs,
            ),
      tsSessionEnd: NOW + 3_600_000,
    },
    l,
  );
  return e.trips.map((t) => [t.name, t.tsExpires === null ? null : t.tsExpires - NOW]);
};
const losses = (n: number, pnl: number): ClosedTrade[] =>
  Array.from({ length: n }, (_, k) => ({
    strategy: 'mean_reversion',
    symbol: 'X',
    pnl,
    tsClosed: NOW - 1_000 + k,
  }));
const strategy = (l: RiskLimits, trades: ClosedTrade[]) =>
  strategyBreakers(
    {
      now: NOW,
      trades,
      allocations: new Map([['mean_reversion', 30_000]]),
      tsDayStart: NOW - 3_600_000,
      lastTrip: new Map(),
    },
    l,
  ).trips.map((t) => [t.name, t.tsExpires === null ? null : t.tsExpires - NOW]);
const orders = (l: RiskLimits, outcomes: Array<'accepted' | 'rejected'>) =>
  orderBreakers(
    outcomes.reduce((s, o) => applyOrderOutcome(s, 'd', o), emptyOrderStats('d')),
    NOW,
    l,
  ).trips.map((t) => t.name);

/** How many live-equity checks (PricesMarked) trades every 200 ms for 3 s give, on virtual time. */
function liveChecks(intervalMs: number): number {
  let n = 0;
  const subs: Subscription[] = [];
  marbles().run(({ cold }) => {
    const trades = Array.from({ length: 15 }, (_, k) => `${k * 200}ms t`).join(' ');
    const trade: MarketTrade = {
      kind: 'MarketTrade',
      symbol: 'AAPL',
      price: 100 as Price,
      size: 1,
      tsEvent: 0,
    };
    subs.push(
      cold(`${trades} |`, { t: trade })
        .pipe(markPrices(intervalMs))
        .subscribe(() => {
          n += 1;
        }),
    );
  });
  for (const s of subs) s.unsubscribe();
  return n;
}

const SCENARIOS: Record<string, { changed: number; decide: (l: RiskLimits) => unknown }> = {
  daily_loss_pct: { changed: 3, decide: (l) => account(l, { lastClose: 102_500 }) },
  drawdown_pct: { changed: 25, decide: (l) => account(l, { highWater: 120_000 }) },
  drawdown_scale: {
    changed: 0.25,
    decide: (l) =>
      riskView(
        applyEvaluation(
          emptyRiskBook('d'),
          accountBreakers(
            {
              now: NOW,
              equity: 80_000,
              lastClose: 80_000,
              highWater: 100_000,
              window: [],
              tsSessionEnd: NOW,
            },
            l,
          ),
          NOW,
          'd',
        ).book,
        NOW,
        l.drawdownScale,
        null,
      ).size_scalar,
  },
  rapid_loss_pct: {
    changed: 2,
    decide: (l) => account(l, { lastClose: 98_000, earlier: { ago: 60_000, equity: 101_500 } }),
  },
  rapid_loss_window_min: {
    changed: 5,
    decide: (l) =>
      account(l, { lastClose: 98_000, earlier: { ago: 10 * 60_000, equity: 101_500 } }),
  },
  rapid_loss_pause_min: {
    changed: 10,
    decide: (l) => account(l, { lastClose: 98_000, earlier: { ago: 60_000, equity: 101_500 } }),
  },
  consecutive_losses: { changed: 3, decide: (l) => strategy(l, losses(3, -1)) },
  consecutive_losses_pause_hours: { changed: 8, decide: (l) => strategy(l, losses(5, -1)) },
  strategy_loss_pct: { changed: 10, decide: (l) => strategy(l, losses(1, -2_000)) },
  strategy_loss_disable_hours: { changed: 48, decide: (l) => strategy(l, losses(1, -2_000)) },
  kill_daily_drawdown_pct: { changed: 8, decide: (l) => account(l, { lastClose: 106_000 }) },
  kill_consecutive_failures: {
    changed: 4,
    decide: (l) => orders(l, ['rejected', 'rejected', 'rejected']),
  },
  kill_rejection_rate_pct: {
    changed: 80,
    decide: (l) =>
      orders(l, [
        'rejected',
        'accepted',
        'rejected',
        'rejected',
        'accepted',
        'rejected',
        'rejected',
        'accepted',
      ]),
  },
  kill_rejection_min_count: {
    changed: 6,
    decide: (l) =>
      orders(l, [
        'rejected',
        'accepted',
        'rejected',
        'rejected',
        'accepted',
        'rejected',
        'rejected',
        'accepted',
      ]),
  },
  // The daemon's live-equity checks: trades every 200 ms for 3 s give one check per interval (tests/integration/daemon/live-risk.int.test.ts end to end).
  live_equity_interval_ms: { changed: 500, decide: (l) => liveChecks(l.liveEquityIntervalMs) },
  reconciliation_tolerance_pct: {
    changed: 0,
    decide: (l) =>
      reconciliationBreaker(
        reconcile(
          { cash: 100_400, positions: new Map() },
          { cash: 100_000, positions: new Map() },
          l.reconciliationTolerancePct,
        ),
        NOW,
        l.reconciliationTolerancePct,
      ).trips.length,
  },
};

describe('circuit_breakers keys', () => {
  it('has a scenario for every key of the schema', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual(
      Object.keys(configSchema.parse({}).circuit_breakers).sort(),
    );
  });
  for (const [key, s] of Object.entries(SCENARIOS))
    it(`${key}: changing it changes the decision`, () => {
      expect(s.decide(limits(key, s.changed))).not.toEqual(s.decide(limits()));
    });
});
