import { describe, expect, it } from 'vitest';
import type {
  Cancel,
  DaemonCommand,
  Submit,
} from '../../../../src/domain/holdings/daemon-inputs.ts';
import type { DaemonEvent } from '../../../../src/domain/holdings/daemon-events.ts';
import { emptyHoldings } from '../../../../src/domain/holdings/draft.ts';
import type { HoldingsStep } from '../../../../src/domain/holdings/reducer.ts';
import { price, qty } from '../../../../src/domain/money.ts';
import type { OrderReport } from '../../../../src/domain/orders.ts';
import {
  ack,
  acked,
  canceled,
  env,
  fill,
  OPEN_CLOCK,
  OPTIONS,
  order,
  position,
  run,
  snapshot,
  syncedState,
  T0,
  update,
} from '../../../support/daemon-stubs.ts';

const submits = (steps: HoldingsStep[]): Submit[] =>
  steps.flatMap((s) => s.commands).filter((c): c is Submit => c.kind === 'Submit');
const cancels = (steps: HoldingsStep[]): Cancel[] =>
  steps.flatMap((s) => s.commands).filter((c): c is Cancel => c.kind === 'Cancel');
const events = <K extends DaemonEvent['kind']>(steps: HoldingsStep[], kind: K) =>
  steps
    .flatMap((s) => s.events)
    .filter((e): e is Extract<DaemonEvent, { kind: K }> => e.kind === kind);
const last = <T>(xs: T[]): T => xs[xs.length - 1] as T;

describe('reduceHoldings: protection of fills', () => {
  it('places one OCO for the whole shares at -5% / +20% the moment a buy fill arrives', () => {
    const steps = run(syncedState(), [
      fill({ qty: 10, price: 100, positionQty: 10, tsReceived: 1_000 }),
    ]);
    const [s] = submits(steps);
    expect(s?.order).toMatchObject({
      orderClass: 'oco',
      type: 'limit',
      side: 'sell',
      timeInForce: 'gtc',
      qty: 10,
      limitPrice: 120,
      takeProfit: { limitPrice: 120 },
      stopLoss: { stopPrice: 95 },
    });
    expect(s?.order.clientOrderId).toMatch(/^sl-oco-AAPL-[0-9a-z]{20}$/);
    expect(s?.placement).toMatchObject({
      entryOrderId: 'o-1',
      entryPrice: 100,
      stopPrice: 95,
      takeProfitPrice: 120,
      tsTrigger: 1_000,
      cause: 'fill',
    });
    expect(events(steps, 'FillReceived')[0]).toMatchObject({
      side: 'buy',
      qty: 10,
      price: 100,
      positionQty: 10,
    });
  });

  it('journals the placement with its latency once the broker acknowledges it', () => {
    const s1 = run(syncedState(), [
      fill({ qty: 10, price: 100, positionQty: 10, tsReceived: 1_000 }),
    ]);
    const steps = run(last(s1).state, [ack(submits(s1)[0] as Submit, 'oco-1', 1_000.5, 1_004)]);
    expect(events(steps, 'ProtectionPlaced')[0]).toMatchObject({
      role: 'oco',
      qty: 10,
      orderId: 'oco-1',
      latencySentMs: 0.5,
      latencyAckMs: 4,
      entryPrice: 100,
    });
    expect(submits(steps)).toEqual([]);
  });

  it('acts on nothing before the first snapshot (startup reconciles first)', () => {
    const s0 = run(emptyHoldings(), [{ kind: 'ClockSynced', report: OPEN_CLOCK }]);
    const steps = run(last(s0).state, [fill({ qty: 10, price: 100, positionQty: 10 })]);
    expect(submits(steps)).toEqual([]);
    const after = run(last(steps).state, [snapshot([position('AAPL', 10, 100)])]);
    expect(submits(after).map((c) => c.order.qty)).toEqual([10]);
  });

  it('splits a fractional position: OCO for the whole shares, DAY stop for the rest (only in session)', () => {
    const steps = run(syncedState(), [fill({ qty: 10.5, price: 100, positionQty: 10.5 })]);
    expect(submits(steps).map((c) => [c.role, c.order.qty, c.order.timeInForce])).toEqual([
      ['oco', 10, 'gtc'],
      ['stop', 0.5, 'day'],
    ]);
    const closed = run(syncedState(), [
      env(fill({ qty: 10.5, price: 100, positionQty: 10.5 }), Date.parse('2024-05-01T21:00:00Z')),
    ]);
    expect(submits(closed).map((c) => c.role)).toEqual(['oco']);
  });

  it('resizes on a partial fill: cancel the old OCO, wait for the confirmation, then place the new one', () => {
    const f1 = fill({ qty: 3, price: 100, positionQty: 3, filledQty: 3, orderQty: 10 });
    const s1 = run(syncedState(), [f1]);
    const first = submits(s1)[0] as Submit;
    const s2 = run(last(s1).state, [
      ack(first, 'oco-1'),
      fill({ qty: 7, price: 110, positionQty: 10, filledQty: 10, orderQty: 10, avg: 107 }),
    ]);
    expect(cancels(s2).map((c) => c.orderId)).toEqual(['oco-1']);
    expect(submits(s2)).toEqual([]);
    const r = acked(first, 'oco-1');
    const s3 = run(last(s2).state, [update('canceled', canceled(r))]);
    expect(submits(s3)).toEqual([]);
    const s4 = run(last(s3).state, [update('canceled', canceled(r.legs[0] as OrderReport))]);
    const next = submits(s4)[0];
    expect(next?.order).toMatchObject({
      qty: 10,
      stopLoss: { stopPrice: 101.65 },
      limitPrice: 128.4,
    });
    expect(next?.order.clientOrderId).not.toBe(first.order.clientOrderId);
  });

  it('defers behind an open entry refused as a wash trade, and protects when the entry ends', () => {
    const s1 = run(syncedState(), [
      fill({ qty: 3, price: 100, positionQty: 3, filledQty: 3, orderQty: 10 }),
    ]);
    const c = submits(s1)[0] as Submit;
    const s2 = run(last(s1).state, [
      {
        kind: 'SubmitRejected',
        command: c,
        error: 'potential wash trade detected. use complex orders',
        errorKind: 'rejected',
        retryAfterMs: null,
      },
    ]);
    expect(events(s2, 'ProtectionFailed')[0]).toMatchObject({ deferred: true });
    expect(submits(s2)).toEqual([]);
    const s3 = run(last(s2).state, [
      fill({ qty: 7, price: 100, positionQty: 10, filledQty: 10, orderQty: 10 }),
    ]);
    expect(submits(s3).map((x) => x.order.qty)).toEqual([10]);
  });

  it('backs off after a refusal and asks for an audit when the shares are held elsewhere', () => {
    const s1 = run(syncedState(), [fill({ qty: 10, price: 100, positionQty: 10 })]);
    const c = submits(s1)[0] as Submit;
    const s2 = run(last(s1).state, [
      {
        kind: 'SubmitRejected',
        command: c,
        error: 'insufficient qty available for order (requested: 10, available: 0)',
        errorKind: 'rejected',
        retryAfterMs: null,
      },
    ]);
    expect(events(s2, 'ProtectionFailed')[0]).toMatchObject({
      deferred: false,
      retryAt: T0 + 2_000,
    });
    expect(s2.flatMap((s) => s.commands).map((x) => x.kind)).toEqual(['RequestAudit']);
    expect(submits(run(last(s2).state, [env({ kind: 'Tick' }, T0 + 1_000)]))).toEqual([]);
    expect(
      submits(run(last(s2).state, [env({ kind: 'Tick' }, T0 + 2_000)])).map((x) => x.order.qty),
    ).toEqual([10]);
  });

  it('a fill frame out of sequence (a delayed one, older than what was applied) never shrinks the position: it asks for an audit', () => {
    // Seen by the chaos suite (seed 34): 10.5 bought, its frame delayed behind three partial fills of a second buy.
    const partial = (n: number, positionQty: number) =>
      fill({
        orderId: 'o-2',
        clientOrderId: 'c-2',
        qty: 0.25 / 3,
        price: 100,
        positionQty,
        filledQty: (0.25 * n) / 3,
        orderQty: 0.25,
        executionId: `x-2-${String(n)}`,
      });
    const s1 = run(syncedState(), [
      partial(1, 10.583333333),
      partial(2, 10.666666666),
      partial(3, 10.75),
    ]);
    expect(last(s1).state.holdings.get('AAPL')?.qty).toBeCloseTo(10.75, 9);
    const stale = fill({ orderId: 'o-1', qty: 10.5, price: 100, positionQty: 10.5 });
    const s2 = run(last(s1).state, [stale]);
    expect(last(s2).state.holdings.get('AAPL')?.qty).toBeCloseTo(10.75, 9);
    expect(s2.flatMap((s) => s.commands).filter((c) => c.kind === 'RequestAudit')).toHaveLength(1);
    expect(events(s2, 'FillReceived')).toHaveLength(1);
  });

  it('a sell execution out of sequence never shrinks the position below what the fill itself implies', () => {
    const s1 = run(syncedState(), [
      fill({ qty: 10, price: 100, positionQty: 10 }),
      fill({
        orderId: 'o-2',
        clientOrderId: 'c-2',
        executionId: 'x-2',
        qty: 5,
        price: 100,
        positionQty: 15,
      }),
    ]);
    // A sale of 3 whose frame was overtaken by the second buy: it reports the position as 7, the account holds 12.
    const sale = fill({
      orderId: 's-1',
      clientOrderId: 'sl-exit-x',
      side: 'sell',
      executionId: 'x-s',
      qty: 3,
      price: 101,
      positionQty: 7,
    });
    const s2 = run(last(s1).state, [sale]);
    expect(last(s2).state.holdings.get('AAPL')?.qty).toBe(12);
    expect(s2.flatMap((s) => s.commands).filter((c) => c.kind === 'RequestAudit')).toHaveLength(1);
  });

  it("protection canceled by the broker unasked (a split's ex-date) is not re-placed before the broker is read; a split rescales the exit", () => {
    const s1 = run(syncedState(), [fill({ qty: 10, price: 100, positionQty: 10 })]);
    const oco = submits(s1)[0] as Submit;
    const s2 = run(last(s1).state, [
      ack(oco, 'oco-1'),
      env({ kind: 'HighWaterRaised', symbol: 'AAPL', highWater: 110 }),
    ]);
    const r = acked(oco, 'oco-1');
    // The broker cancels both legs: nothing is placed at the old prices, an audit is asked.
    const s3 = run(last(s2).state, [
      update('canceled', canceled(r)),
      update('canceled', canceled(r.legs[0] as OrderReport)),
    ]);
    expect(submits(s3)).toEqual([]);
    expect(s3.flatMap((x) => x.commands).filter((c) => c.kind === 'RequestAudit')).toHaveLength(1);
    expect(submits(run(last(s3).state, [env({ kind: 'Tick' }, T0 + 1_000)]))).toEqual([]);
    // The audit reads a 4-for-1 split: 40 shares at 25; the OCO is placed for them at the new prices.
    const s4 = run(last(s3).state, [
      env(snapshot([position('AAPL', 40, 25)], [], T0 + 1_000), T0 + 1_000),
    ]);
    expect(submits(s4).map((x) => [x.order.qty, x.order.stopLoss?.stopPrice])).toEqual([
      [40, 23.75],
    ]);
    const h = last(s4).state.holdings.get('AAPL');
    expect(h?.exit).toMatchObject({ entryPrice: 25, highWater: 27.5 });
    expect(events(s4, 'ExitTrack').at(-1)).toMatchObject({ rescaled: true });
  });

  it('waits exactly Retry-After on a 429 without counting it as a failure, and counts a refusal of both orders of one plan once', () => {
    const s1 = run(syncedState(), [fill({ qty: 10.5, price: 100, positionQty: 10.5 })]);
    const [oco, stop] = submits(s1) as [Submit, Submit];
    const limited = (c: Submit) => ({
      kind: 'SubmitRejected' as const,
      command: c,
      error: 'too many requests',
      errorKind: 'rate-limited' as const,
      retryAfterMs: 3_000,
    });
    const s2 = run(last(s1).state, [limited(oco), limited(stop)]);
    expect(events(s2, 'ProtectionFailed').map((e) => e.retryAt)).toEqual([T0 + 3_000, T0 + 3_000]);
    // Marked as throttling from the adapter's kind (HTTP 429), so the order kills do not count it.
    expect(events(s2, 'ProtectionFailed').map((e) => e.rateLimited)).toEqual([true, true]);
    expect(last(s2).state.holdings.get('AAPL')?.failures).toBe(0);
    const s3 = run(last(s2).state, [env({ kind: 'Tick' }, T0 + 3_000)]);
    const [oco2, stop2] = submits(s3) as [Submit, Submit];
    const refused = (c: Submit) =>
      env(
        {
          kind: 'SubmitRejected',
          command: c,
          error: 'invalid stop_price',
          errorKind: 'rejected',
          retryAfterMs: null,
        },
        T0 + 3_000,
      );
    const s4 = run(last(s3).state, [refused(oco2), refused(stop2)]);
    // One failure, so the first backoff: 2 s, not 4 s (and not inflated by the 429s before it).
    expect(events(s4, 'ProtectionFailed').map((e) => e.retryAt)).toEqual([T0 + 5_000, T0 + 5_000]);
    expect(events(s4, 'ProtectionFailed').map((e) => e.rateLimited)).toEqual([
      undefined,
      undefined,
    ]);
    expect(last(s4).state.holdings.get('AAPL')?.failures).toBe(1);
  });

  it('never re-submits an unclear order: resolves it by client id, re-sends only what the broker never saw', () => {
    const s1 = run(syncedState(), [fill({ qty: 10, price: 100, positionQty: 10 })]);
    const c = submits(s1)[0] as Submit;
    const s2 = run(last(s1).state, [
      { kind: 'SubmitUnknown', command: c, error: 'broker timed out' },
      env({ kind: 'Tick' }, T0 + 1_000),
    ]);
    expect(events(s2, 'OrderUnknown')).toHaveLength(1);
    expect(submits(s2)).toEqual([]);
    const s3 = run(last(s2).state, [env({ kind: 'Tick' }, T0 + 5_000)]);
    expect(s3.flatMap((s) => s.commands)).toEqual([
      { kind: 'Resolve', symbol: 'AAPL', clientOrderId: c.order.clientOrderId, command: null },
    ]);
    const s4 = run(last(s3).state, [
      env(
        {
          kind: 'SubmitResolved',
          symbol: 'AAPL',
          clientOrderId: c.order.clientOrderId,
          report: null,
        },
        T0 + 5_100,
      ),
    ]);
    expect(submits(s4)[0]?.order.clientOrderId).toBe(c.order.clientOrderId);
  });

  it('takes the next attempt number when the client id belongs to an order that finished', () => {
    const s1 = run(syncedState(), [fill({ qty: 10, price: 100, positionQty: 10 })]);
    const c = submits(s1)[0] as Submit;
    const s2 = run(last(s1).state, [
      { kind: 'SubmitDuplicate', command: c, report: canceled(acked(c, 'old')) },
    ]);
    const again = submits(s2)[0];
    expect(again?.n).toBe(c.n + 1);
    expect(again?.order.clientOrderId).not.toBe(c.order.clientOrderId);
  });

  it('protects only strikeline entries under protect: own', () => {
    const own = { ...OPTIONS, protect: 'own' as const };
    expect(
      submits(
        run(
          syncedState(own),
          [fill({ qty: 10, price: 100, positionQty: 10, clientOrderId: 'manual-1' })],
          own,
        ),
      ),
    ).toEqual([]);
    expect(
      submits(
        run(
          syncedState(own),
          [fill({ qty: 10, price: 100, positionQty: 10, clientOrderId: 'sl-entry-x' })],
          own,
        ),
      ),
    ).toHaveLength(1);
  });

  it('places and cancels nothing while halted, and re-plans when the halt is lifted', () => {
    const s1 = run(syncedState(), [env(fill({ qty: 10, price: 100, positionQty: 10 }), T0, true)]);
    expect(submits(s1)).toEqual([]);
    expect(events(s1, 'HaltChanged')).toEqual([{ kind: 'HaltChanged', halted: true }]);
    expect(submits(run(last(s1).state, [env({ kind: 'Tick' }, T0 + 1, false)]))).toHaveLength(1);
  });
});

describe('reduceHoldings: audit and recovery', () => {
  it('adopts a position it did not know, dated by its entry order, and protects it as a repair', () => {
    const entry = order({
      id: 'e-9',
      symbol: 'MSFT',
      tsFilled: T0 - 3_600_000,
      filledQty: qty(5),
      filledAvgPrice: price(200),
    });
    const steps = run(syncedState(), [snapshot([position('MSFT', 5, 200)], [], T0, [entry])]);
    const [s] = submits(steps);
    expect(s?.order).toMatchObject({
      symbol: 'MSFT',
      qty: 5,
      stopLoss: { stopPrice: 190 },
      limitPrice: 240,
    });
    expect(events(steps, 'AuditRepair')[0]).toMatchObject({ symbol: 'MSFT', action: 'protect' });
    expect(events(steps, 'ExitTrack')[0]).toMatchObject({
      symbol: 'MSFT',
      state: { entryPrice: 200, tsEntry: T0 - 3_600_000 },
    });
    expect(events(steps, 'AuditCompleted')[0]).toMatchObject({ repairs: 1 });
  });

  it('keeps an OCO it finds in place and places nothing twice', () => {
    const oco = order({
      id: 'oco-7',
      clientOrderId: 'sl-oco-MSFT-abc',
      symbol: 'MSFT',
      side: 'sell',
      type: 'limit',
      orderClass: 'oco',
      status: 'new',
      qty: qty(5),
      filledQty: qty(0),
      limitPrice: price(240),
    });
    const steps = run(syncedState(), [snapshot([position('MSFT', 5, 200)], [oco])]);
    expect(steps.flatMap((s) => s.commands)).toEqual([]);
    expect(events(steps, 'AuditCompleted')[0]?.coverage).toEqual([
      {
        symbol: 'MSFT',
        qty: 5,
        ocoQty: 5,
        stopQty: 0,
        otherQty: 0,
        pendingQty: 0,
        unprotectedQty: 0,
      },
    ]);
  });

  it('cancels a protective order left without a position', () => {
    const orphan = order({
      id: 'oco-8',
      clientOrderId: 'sl-oco-TSLA-xyz',
      symbol: 'TSLA',
      side: 'sell',
      type: 'limit',
      orderClass: 'oco',
      status: 'new',
      qty: qty(2),
      filledQty: qty(0),
    });
    const steps = run(syncedState(), [snapshot([], [orphan])]);
    expect(cancels(steps)).toMatchObject([{ symbol: 'TSLA', orderId: 'oco-8' }]);
    expect(events(steps, 'AuditRepair')[0]).toMatchObject({ action: 'cancel', symbol: 'TSLA' });
  });

  it('lets events newer than the snapshot win over it', () => {
    const s1 = run(syncedState(), [env(fill({ qty: 10, price: 100, positionQty: 10 }), T0 + 10)]);
    // A snapshot requested before the fill still shows no position: the holding stays.
    const s2 = run(last(s1).state, [env(snapshot([], [], T0 + 5), T0 + 20)]);
    expect(last(s2).state.holdings.get('AAPL')?.qty).toBe(10);
    expect(cancels(s2)).toEqual([]);
  });
});

describe('reduceHoldings: soft exits', () => {
  function protectedState() {
    const s1 = run(syncedState(), [fill({ qty: 10, price: 100, positionQty: 10 })]);
    const c = submits(s1)[0] as Submit;
    const s2 = run(last(s1).state, [ack(c, 'oco-1')]);
    return { state: last(s2).state, oco: acked(c, 'oco-1') };
  }
  const due = {
    kind: 'SoftExitDue' as const,
    symbol: 'AAPL',
    decision: { rule: 'trailing' as const, price: 101, floor: 101.5 },
  };

  it('cancels every order of the symbol first, waits for the confirmations, then sells at market', () => {
    const { state, oco } = protectedState();
    const s1 = run(state, [due]);
    expect(events(s1, 'SoftExitStarted')[0]).toMatchObject({
      rule: 'trailing',
      price: 101,
      floor: 101.5,
      qty: 10,
    });
    expect(s1.flatMap((s) => s.commands).map((c) => c.kind)).toEqual(['Cancel', 'Sweep']);
    const s2 = run(last(s1).state, [
      { kind: 'OpenOrdersSwept', symbol: 'AAPL', orders: [oco] },
      update('canceled', canceled(oco)),
    ]);
    expect(submits(s2)).toEqual([]);
    const s3 = run(last(s2).state, [update('canceled', canceled(oco.legs[0] as OrderReport))]);
    expect(submits(s3)[0]?.order).toMatchObject({
      type: 'market',
      side: 'sell',
      qty: 10,
      timeInForce: 'day',
    });
    expect(submits(s3)[0]?.order.clientOrderId).toMatch(/^sl-exit-AAPL-/);
    const sale = submits(s3)[0] as Submit;
    const s4 = run(last(s3).state, [
      ack(sale, 'sale-1'),
      fill({
        side: 'sell',
        orderId: 'sale-1',
        clientOrderId: sale.order.clientOrderId,
        qty: 10,
        price: 101,
        positionQty: 0,
      }),
    ]);
    expect(events(s4, 'PositionClosed')).toHaveLength(1);
    expect(last(s4).state.holdings.has('AAPL')).toBe(false);
    expect(events(s4, 'ExitTrack').at(-1)).toMatchObject({ symbol: 'AAPL', state: null });
  });

  it('puts protection back at once when the sale is refused', () => {
    const { state, oco } = protectedState();
    const s1 = run(state, [
      due,
      { kind: 'OpenOrdersSwept', symbol: 'AAPL', orders: [] },
      update('canceled', canceled(oco)),
      update('canceled', canceled(oco.legs[0] as OrderReport)),
    ]);
    const sale = submits(s1)[0] as Submit;
    const s2 = run(last(s1).state, [
      {
        kind: 'SubmitRejected',
        command: sale,
        error: 'refused',
        errorKind: 'rejected',
        retryAfterMs: null,
      },
    ]);
    expect(events(s2, 'ExitRejected')[0]).toMatchObject({ rule: 'trailing', error: 'refused' });
    expect(submits(s2).map((c) => [c.role, c.order.qty])).toEqual([['oco', 10]]);
    // The soft exit waits for exit_retry_ms before trying again.
    expect(events(run(last(s2).state, [env(due, T0 + 1_000)]), 'SoftExitStarted')).toEqual([]);
    expect(events(run(last(s2).state, [env(due, T0 + 60_000)]), 'SoftExitStarted')).toHaveLength(1);
  });

  it('does not exit outside the session', () => {
    const { state } = protectedState();
    expect(
      run(state, [env(due, Date.parse('2024-05-01T21:00:00Z'))]).flatMap((s) => s.commands),
    ).toEqual([]);
  });

  it('sells only the fraction when its target trades, leaving the OCO in place', () => {
    const s1 = run(syncedState(), [fill({ qty: 10.5, price: 100, positionQty: 10.5 })]);
    const [oco, stop] = submits(s1) as [Submit, Submit];
    const s2 = run(last(s1).state, [ack(oco, 'oco-1'), ack(stop, 'stp-1')]);
    const s3 = run(last(s2).state, [
      { kind: 'FractionTargetDue', symbol: 'AAPL', price: 120.5, target: 120 },
    ]);
    expect(cancels(s3).map((c) => c.orderId)).toEqual(['stp-1']);
    const s4 = run(last(s3).state, [update('canceled', canceled(acked(stop, 'stp-1')))]);
    expect(submits(s4)[0]?.order).toMatchObject({ type: 'market', qty: 0.5 });
    expect(submits(s4)[0]?.role).toBe('fexit');
  });
});

describe('reduceHoldings: commands carry nothing unexpected', () => {
  it('emits only known command kinds', () => {
    const kinds = new Set<DaemonCommand['kind']>([
      'Submit',
      'Cancel',
      'Resolve',
      'Sweep',
      'RequestAudit',
    ]);
    const steps = run(syncedState(), [
      fill({ qty: 10.5, price: 100, positionQty: 10.5 }),
      { kind: 'Tick' },
    ]);
    for (const c of steps.flatMap((s) => s.commands)) expect(kinds.has(c.kind)).toBe(true);
  });
});
