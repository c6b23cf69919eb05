/**
 * Invariants of the strategy breakers and the order kill conditions (domain/rules/risk/):
 * - the losing streak is the run of losses at the end: a win after it ends it, one more loss lengthens it by one;
 * - a strategy pauses exactly when its streak reaches consecutive_losses, for consecutive_losses_pause_hours;
 * - trades closed before the strategy's last trip of a breaker never trip it again;
 * - strategy loss trips only on a net loss of the day at or beyond strategy_loss_pct of the allocation;
 * - order stats: rejected <= sent; an accepted order ends the failure run; the rejection kill needs the minimum count.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import {
  losingStreak,
  strategyBreakers,
  type ClosedTrade,
} from '../../../src/domain/rules/risk/strategy-breakers.ts';
import {
  applyOrderOutcome,
  emptyOrderStats,
  orderBreakers,
  reviseOrderOutcome,
  type OrderOutcomeKind,
} from '../../../src/domain/rules/risk/order-breakers.ts';
import { limitsArb } from '../../support/risk-limits.ts';

const pnl = fc.double({ min: -1e4, max: 1e4, noNaN: true });
const trades = fc
  .array(pnl, { maxLength: 40 })
  .map((ps) =>
    ps.map((p, k): ClosedTrade => ({ strategy: 's', symbol: 'X', pnl: p, tsClosed: 1_000 + k })),
  );
const input = (
  ts: readonly ClosedTrade[],
  allocation: number,
  lastTrip = new Map<string, number>(),
) => ({
  now: 10_000,
  trades: ts,
  allocations: new Map([['s', allocation]]),
  tsDayStart: 0,
  lastTrip,
});

test.prop([trades, pnl])('the streak is the run of losses at the end', (ts, p) => {
  const next = [...ts, { strategy: 's', symbol: 'X', pnl: p, tsClosed: 5_000 }];
  expect(losingStreak(next)).toBe(p < 0 ? losingStreak(ts) + 1 : 0);
});

test.prop([trades, limitsArb, fc.double({ min: 1, max: 1e6, noNaN: true })])(
  'a strategy pauses exactly at consecutive_losses, for its hours',
  (ts, l, alloc) => {
    const trip = strategyBreakers(input(ts, alloc), l).trips.find(
      (t) => t.name === 'consecutive_losses',
    );
    expect(trip !== undefined).toBe(losingStreak(ts) >= l.consecutiveLosses);
    if (trip !== undefined)
      expect([trip.scope, trip.action, trip.tsExpires]).toEqual([
        's',
        'pause',
        10_000 + l.consecutiveLossesPauseMs,
      ]);
  },
);

test.prop([trades, limitsArb, fc.double({ min: 1, max: 1e6, noNaN: true })])(
  'trades before the last trip never trip again',
  (ts, l, alloc) => {
    const since = new Map([
      ['consecutive_losses:s', 99_999],
      ['strategy_loss:s', 99_999],
    ]);
    expect(strategyBreakers(input(ts, alloc, since), l).trips).toEqual([]);
  },
);

test.prop([trades, limitsArb, fc.double({ min: 1, max: 1e6, noNaN: true })])(
  'strategy loss trips only at its share of the allocation',
  (ts, l, alloc) => {
    const lost = -ts.reduce((s, t) => s + t.pnl, 0);
    const trip = strategyBreakers(input(ts, alloc), l).trips.find(
      (t) => t.name === 'strategy_loss',
    );
    expect(trip !== undefined).toBe(lost > 0 && lost / alloc >= l.strategyLossPct / 100);
    if (trip !== undefined) expect(trip.action).toBe('disable');
  },
);

const outcomes = fc.array(fc.constantFrom<OrderOutcomeKind>('accepted', 'rejected', 'unknown'), {
  maxLength: 60,
});

test.prop([outcomes, limitsArb])(
  'order stats: rejected <= sent, an acceptance ends the failure run, the rejection kill needs its minimum',
  (os, l) => {
    const s = os.reduce((acc, o) => applyOrderOutcome(acc, 'd', o), emptyOrderStats('d'));
    expect(s.rejected).toBeLessThanOrEqual(s.sent);
    expect(s.sent).toBe(os.length);
    const lastAccept = os.lastIndexOf('accepted');
    expect(s.consecutiveFailures).toBe(os.length - 1 - lastAccept);
    const names = orderBreakers(s, 0, l).trips.map((t) => t.name);
    if (names.includes('rejection_rate'))
      expect(s.rejected).toBeGreaterThanOrEqual(l.killRejectionMinCount);
    expect(names.includes('consecutive_failures')).toBe(
      s.consecutiveFailures >= l.killConsecutiveFailures,
    );
  },
);

test.prop([outcomes])('a new day starts the counts afresh', (os) => {
  const s = os.reduce((acc, o) => applyOrderOutcome(acc, 'd1', o), emptyOrderStats('d1'));
  expect(applyOrderOutcome(s, 'd2', 'rejected')).toEqual({
    day: 'd2',
    sent: 1,
    rejected: 1,
    consecutiveFailures: 1,
  });
});

const earlier = fc.array(fc.constantFrom<OrderOutcomeKind>('accepted', 'rejected', 'unknown'), {
  maxLength: 30,
});
test.prop([
  earlier,
  fc.constantFrom<OrderOutcomeKind>('accepted', 'unknown'),
  fc.constantFrom<OrderOutcomeKind>('accepted', 'rejected', 'unknown'),
])(
  'a later word on a counted order never counts it sent twice; a late rejection is one more rejection and failure',
  (os, first, later) => {
    const before = applyOrderOutcome(
      os.reduce((s, o) => applyOrderOutcome(s, 'd', o), emptyOrderStats('d')),
      'd',
      first,
    );
    const after = reviseOrderOutcome(before, 'd', first, later);
    expect(after.sent).toBe(before.sent);
    expect(after.rejected).toBeLessThanOrEqual(after.sent);
    expect(after.rejected).toBe(before.rejected + (later === 'rejected' ? 1 : 0));
    if (later === 'rejected')
      expect(after.consecutiveFailures).toBe(
        before.consecutiveFailures + (first === 'accepted' ? 1 : 0),
      );
    if (first === 'unknown' && later === 'accepted') expect(after.consecutiveFailures).toBe(0);
  },
);
