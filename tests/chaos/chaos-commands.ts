/**
 * The chaos suite's commands (fast-check model-based testing): each changes the world (a fill, a fault, a drop,
 * a clock jump, a halt, a restart, a `trade` run, time passing) and then the invariants are checked. The model
 * only carries what preconditions need; the truth is read from the exchange.
 */
import fc from 'fast-check';
import { qty } from '../../src/domain/money.ts';
import { V_SECRET } from '../support/virtual-daemon.ts';
import type { FrameFault, RestFault } from '../support/fault-wire.ts';
import { CHAOS_SYMBOLS, QUIET_MS, type ChaosWorld } from '../support/chaos-world.ts';

export interface ChaosModel {
  halted: boolean;
  /** Virtual ms of broker time still available before the session nears its close. */
  sessionLeftMs: number;
  buys: number;
}

type Cmd = fc.AsyncCommand<ChaosModel, ChaosWorld>;

let buyId = 0;

class Advance implements Cmd {
  constructor(readonly ms: number) {}
  check = (m: Readonly<ChaosModel>) => m.sessionLeftMs > this.ms;
  async run(m: ChaosModel, w: ChaosWorld) {
    m.sessionLeftMs -= this.ms;
    await w.advance(this.ms);
  }
  toString = () => `advance(${String(this.ms)})`;
}

class Buy implements Cmd {
  constructor(
    readonly symbol: string,
    readonly shares: number,
    readonly parts: number,
  ) {}
  check = () => true;
  async run(m: ChaosModel, w: ChaosWorld) {
    m.buys += 1;
    buyId += 1;
    if (this.parts > 1) w.h.sim.exchange.injectPartialFills(this.parts);
    const order = w.h.user.submitOrder({
      kind: 'SubmitOrder',
      clientOrderId: `user-buy-${String(buyId)}-${String(Date.now())}`,
      symbol: this.symbol,
      side: 'buy',
      type: 'market',
      timeInForce: 'day',
      qty: qty(this.shares),
      reason: 'chaos buy',
    });
    // A buy refused by the broker (a wash trade against our protection) is the user's problem, not an invariant.
    await w.settle(order.catch(() => undefined));
    await w.advance(100);
  }
  toString = () =>
    `buy(${this.symbol}, ${String(this.shares)}${this.parts > 1 ? `, parts ${String(this.parts)}` : ''})`;
}

class Print implements Cmd {
  constructor(
    readonly symbol: string,
    readonly movePct: number,
  ) {}
  check = () => true;
  async run(_m: ChaosModel, w: ChaosWorld) {
    const last = w.h.sim.exchange.lastTrade(this.symbol).price;
    w.h.sim.exchange.printTrade(
      this.symbol,
      Math.max(0.01, Math.round(last * (1 + this.movePct / 100) * 100) / 100),
      100,
    );
    await w.advance(100);
  }
  toString = () => `print(${this.symbol}, ${this.movePct.toFixed(2)}%)`;
}

class FailOrders implements Cmd {
  constructor(
    readonly fault: RestFault,
    readonly count: number,
  ) {}
  check = () => true;
  async run(_m: ChaosModel, w: ChaosWorld) {
    w.faults.failOrders(this.fault, this.count);
    await w.advance(0);
  }
  toString = () =>
    `failOrders(${JSON.stringify(this.fault).replace(V_SECRET, '<secret>')} x${String(this.count)})`;
}

class BreakFrames implements Cmd {
  constructor(
    readonly fault: FrameFault,
    readonly count: number,
  ) {}
  check = () => true;
  async run(_m: ChaosModel, w: ChaosWorld) {
    w.faults.breakFrames(this.fault, this.count);
    await w.advance(0);
  }
  toString = () => `breakFrames(${JSON.stringify(this.fault)} x${String(this.count)})`;
}

class DropStreams implements Cmd {
  constructor(readonly refuseMs: number) {}
  check = () => true;
  async run(_m: ChaosModel, w: ChaosWorld) {
    await w.dropStreams(this.refuseMs);
  }
  toString = () => `dropStreams(refuse ${String(this.refuseMs)} ms)`;
}

/** The broker's time jumps ahead (the box was paused, a simulator's fast-forward): frames arrive from the future. */
class BrokerClockJump implements Cmd {
  constructor(readonly ms: number) {}
  check = (m: Readonly<ChaosModel>) => m.sessionLeftMs > this.ms + 60_000;
  async run(m: ChaosModel, w: ChaosWorld) {
    m.sessionLeftMs -= this.ms;
    w.h.sim.exchange.advanceTo(w.h.sim.exchange.now() + this.ms, { quiet: true });
    w.mark(1_000, `broker clock jumped ${String(this.ms)} ms`);
    await w.advance(100);
  }
  toString = () => `brokerClockJump(${String(this.ms)})`;
}

class Halt implements Cmd {
  check = (m: Readonly<ChaosModel>) => !m.halted;
  async run(m: ChaosModel, w: ChaosWorld) {
    m.halted = true;
    await w.halt();
  }
  toString = () => 'halt';
}

class Resume implements Cmd {
  check = (m: Readonly<ChaosModel>) => m.halted;
  async run(m: ChaosModel, w: ChaosWorld) {
    m.halted = false;
    await w.resume();
  }
  toString = () => 'resume';
}

class Restart implements Cmd {
  constructor(readonly crash: boolean) {}
  check = () => true;
  async run(_m: ChaosModel, w: ChaosWorld) {
    await w.restart(this.crash);
  }
  toString = () => (this.crash ? 'crash+restart' : 'stop+restart');
}

class Trade implements Cmd {
  constructor(readonly tickers: readonly string[]) {}
  check = () => true;
  async run(_m: ChaosModel, w: ChaosWorld) {
    await w.trade(this.tickers);
  }
  toString = () => `trade(${this.tickers.join(',')})`;
}

/** A quiet period: no pending fault, an audit runs, and LMDB must agree with the broker (I5). */
class Settle implements Cmd {
  check = (m: Readonly<ChaosModel>) => m.sessionLeftMs > QUIET_MS;
  async run(m: ChaosModel, w: ChaosWorld) {
    m.sessionLeftMs -= QUIET_MS;
    w.faults.clear();
    await w.advance(QUIET_MS);
    await w.checkReconciled();
  }
  toString = () => 'settle';
}

const symbol = fc.constantFrom(...CHAOS_SYMBOLS);
const restFault: fc.Arbitrary<RestFault> = fc.oneof(
  fc.record({
    kind: fc.constant('rate_limit' as const),
    retryAfterS: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    kind: fc.constant('server_error' as const),
    status: fc.constantFrom(500 as const, 502 as const, 503 as const, 504 as const),
    applied: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('timeout' as const), applied: fc.boolean() }),
  fc.record({
    kind: fc.constant('refuse' as const),
    status: fc.constantFrom(403 as const, 422 as const),
    message: fc.constantFrom(
      'forbidden',
      'invalid stop_price',
      `request echoed: APCA-API-SECRET-KEY: ${V_SECRET}`,
    ),
  }),
);
const frameFault: fc.Arbitrary<FrameFault> = fc.oneof(
  fc.constantFrom<FrameFault>(
    { kind: 'no_timestamp' },
    { kind: 'bad_numbers' },
    { kind: 'unknown_event' },
    { kind: 'garbage' },
    { kind: 'duplicate' },
    { kind: 'reorder' },
  ),
  fc.record({ kind: fc.constant('delay' as const), ms: fc.integer({ min: 10, max: 3_000 }) }),
);

const advance = fc.integer({ min: 100, max: 4_000 }).map((ms) => new Advance(ms));
const buy = fc
  .tuple(
    symbol,
    fc.oneof(fc.integer({ min: 1, max: 20 }), fc.constantFrom(0.25, 2.5, 7.75, 10.5)),
    fc.constantFrom(1, 1, 2, 3),
  )
  .map(([s, n, p]) => new Buy(s, n, p));
const print = fc
  .tuple(symbol, fc.double({ min: -7, max: 7, noNaN: true }))
  .map(([s, pct]) => new Print(s, pct));
const failOrders = fc
  .tuple(restFault, fc.integer({ min: 1, max: 3 }))
  .map(([f, n]) => new FailOrders(f, n));
const breakFrames = fc
  .tuple(frameFault, fc.integer({ min: 1, max: 3 }))
  .map(([f, n]) => new BreakFrames(f, n));

/** Weighted by repetition: fills, faults and time are the daily bread; halts, restarts and quiet periods rarer. */
export const chaosCommands: ReadonlyArray<fc.Arbitrary<Cmd>> = [
  advance,
  advance,
  buy,
  buy,
  buy,
  print,
  print,
  failOrders,
  failOrders,
  failOrders,
  breakFrames,
  breakFrames,
  fc.integer({ min: 0, max: 3_000 }).map((ms) => new DropStreams(ms)),
  fc.integer({ min: 1_000, max: 600_000 }).map((ms) => new BrokerClockJump(ms)),
  fc.constant(new Halt()),
  fc.constant(new Resume()),
  fc.boolean().map((crash) => new Restart(crash)),
  fc.uniqueArray(symbol, { minLength: 1, maxLength: 3 }).map((t) => new Trade(t)),
  fc.constant(new Settle()),
];
