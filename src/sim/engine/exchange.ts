/** @module The simulator's matching engine and account (Alpaca paper rules): `createExchange` wires the engine's parts behind `Exchange`. */
import type { Exchange, ExchangeOptions, SimPrint } from '../contracts.ts';
import { applyConfig, DEFAULT_ACCOUNT_CONFIG } from './account-config.ts';
import { createActivityLog } from './activity-log.ts';
import { accountView, positionOf, positionsView } from './account-view.ts';
import { advanceClock } from './advance-clock.ts';
import { cancelAllOrders, cancelOrder } from './cancel-orders.ts';
import { closeAllPositions, closePosition } from './close-positions.ts';
import type { EngineState } from './engine-state.ts';
import { snap } from './engine-state.ts';
import { createEventHub } from './event-hub.ts';
import { createInjectedPrints } from './injected-prints.ts';
import { accountNumberFor, newId } from './ids.ts';
import { createLedger } from './ledger.ts';
import { applyPrint } from './match-order.ts';
import { createOrderBook } from './order-book.ts';
import { replaceOrder } from './replace-order.ts';
import { invalidRequest } from './rejections.ts';
import { createRng } from './rng.ts';
import { acceptOrder, consumeInjectedRejection } from './submit-order.ts';
import { createTape, quoteAround } from './tape.ts';
import { cancelTrade, correctTrade } from './trade-fixes.ts';
import { createTradeMarks } from './trade-marks.ts';
import { assetOf } from './validate-context.ts';

function createEngineState(options: ExchangeOptions): EngineState {
  const { market } = options;
  return {
    market,
    assets: new Map(market.symbols.map((s) => [s.symbol, s])),
    spreadBps: options.spreadBps,
    partialFillRate: options.partialFillRate,
    book: createOrderBook(),
    ledger: createLedger(options.cash),
    tape: createTape(market, options.spreadBps, options.startTs),
    injected: createInjectedPrints(),
    marks: createTradeMarks(),
    activities: createActivityLog(),
    dividendsDue: [],
    hub: createEventHub(),
    rng: createRng(options.seed),
    accountId: newId(),
    accountNumber: accountNumberFor(options.seed),
    now: options.startTs,
    session: market.calendar.sessionAt(options.startTs),
    rejections: undefined,
    config: DEFAULT_ACCOUNT_CONFIG,
    pendingParts: 0,
  };
}

export function createExchange(options: ExchangeOptions): Exchange {
  const engine = createEngineState(options);
  const print = (symbol: string, price: number, size: number, ts = engine.now): SimPrint => {
    assetOf(engine, symbol);
    if (!Number.isFinite(price) || price <= 0) throw invalidRequest('price must be > 0');
    if (!Number.isFinite(size) || size <= 0) throw invalidRequest('size must be > 0');
    if (!Number.isFinite(ts) || ts > engine.now)
      throw invalidRequest('a print cannot be dated after the clock');
    const late = ts < engine.now;
    const p = engine.injected.record(
      late ? { symbol, price, size, ts, late } : { symbol, price, size, ts },
    );
    // A late report changes history (bars, the tape's list), not the market now.
    if (late) engine.hub.print(p);
    else applyPrint(engine, p);
    return p;
  };
  const tradesBetween = (symbol: string, tsFrom: number, tsTo: number): SimPrint[] => {
    const own = engine.market.printsBetween(tsFrom, tsTo, [symbol]);
    const injected = engine.injected.between(symbol, tsFrom, tsTo);
    const all =
      injected.length === 0
        ? own
        : [...own, ...injected].sort((a, b) => a.ts - b.ts || a.id - b.id);
    return all.map((p) => engine.marks.mark(p));
  };
  return {
    now: () => engine.now,
    advanceTo: (ts, opts) => {
      advanceClock(engine, ts, opts?.quiet === true);
    },
    printTrade: (symbol, price, size, opts) => print(symbol, price, size, opts?.ts),
    tradesBetween,
    lastTradeAt: (symbol, ts) => {
      const own = engine.market.lastPrintAt(symbol, ts);
      const injected = engine.injected.lastAt(symbol, ts);
      return injected !== undefined && injected.ts >= own.ts ? injected : own;
    },
    quotesBetween: (symbol, tsFrom, tsTo) =>
      tradesBetween(symbol, tsFrom, tsTo)
        .filter((p) => p.late !== true)
        .map((p) => ({ ...quoteAround(p, engine.spreadBps), id: p.id })),
    quote: (symbol) => {
      assetOf(engine, symbol);
      return engine.tape.quote(symbol, engine.now);
    },
    lastTrade: (symbol) => {
      assetOf(engine, symbol);
      return engine.marks.mark(engine.tape.last(symbol, engine.now));
    },
    cancelTrade: (symbol, id) => cancelTrade(engine, symbol, id),
    correctTrade: (symbol, id, price, size) => correctTrade(engine, symbol, id, price, size),
    onTradeFix: (listener) => engine.hub.onTradeFix(listener),
    submitOrder: (request) => {
      consumeInjectedRejection(engine);
      return acceptOrder(engine, request);
    },
    replaceOrder: (id, patch) => replaceOrder(engine, id, patch),
    cancelOrder: (id) => {
      cancelOrder(engine, id);
    },
    cancelAllOrders: () => cancelAllOrders(engine),
    getOrder: (id) => {
      const rec = engine.book.get(id);
      return rec && snap(engine, rec);
    },
    getOrderByClientId: (clientOrderId) => {
      const rec = engine.book.byClientId(clientOrderId);
      return rec && snap(engine, rec);
    },
    allOrders: () =>
      engine.book
        .all()
        .reverse()
        .map((rec) => snap(engine, rec)),
    positions: () => positionsView(engine),
    position: (symbol) => positionOf(engine, symbol),
    closePosition: (symbol, opts) => closePosition(engine, symbol, opts),
    closeAllPositions: (cancelOrders) => closeAllPositions(engine, cancelOrders),
    account: () => accountView(engine),
    activities: () => engine.activities.all(),
    configuration: () => engine.config,
    configure: (patch) => (engine.config = applyConfig(engine.config, patch)),
    onTradeUpdate: (listener) => engine.hub.onTradeUpdate(listener),
    onPrint: (listener) => engine.hub.onPrint(listener),
    onQuote: (listener) => engine.hub.onQuote(listener),
    onSession: (listener) => engine.hub.onSession(listener),
    injectRejections: (count, status, message) => {
      engine.rejections = count > 0 ? { count: Math.floor(count), status, message } : undefined;
    },
    injectPartialFills: (parts) => {
      engine.pendingParts = Math.max(0, Math.floor(parts));
    },
  };
}
