/** @module The control API under `/sim`: state, clock, printed trades and fault injection (DESIGN.md §3). */
import { accountJson, positionJson } from './account-json.ts';
import { readBoolean, readNumber } from './decimal.ts';
import { HttpError, invalid } from './http-error.ts';
import { isOpenStatus } from './list-orders.ts';
import { clockJson } from './market-json.ts';
import { orderJson } from './order-json.ts';
import { asObject } from './parse-order-request.ts';
import {
  lastCloseDate,
  ok,
  type RestRequest,
  type RestResult,
  type TradingDeps,
} from './rest-types.ts';
import { rfc3339 } from './new-york-time.ts';

/** What the stream-level faults act on. */
export interface FaultTargets {
  /** Terminates every trading and data socket; refuses new upgrades for `refuseMs` when > 0. */
  dropStreams(refuseMs: number): void;
  duplicateTradeUpdates(count: number): void;
  delayTradeUpdates(ms: number): void;
  /** From now on only these credentials are accepted (REST, both streams' logins, this API); open sockets stay. */
  rotateCredentials(key: string, secret: string): void;
}

export function simState(deps: TradingDeps): Record<string, unknown> {
  const { exchange } = deps;
  const positions = exchange.positions();
  return {
    clock: clockJson(deps.market.calendar, exchange.now()),
    account: accountJson(exchange.account(), positions, deps.createdAt, lastCloseDate(deps)),
    positions: positions.map((p) => positionJson(p, deps.assets.exchangeOf(p.symbol))),
    open_orders: exchange
      .allOrders()
      .filter((o) => o.parent_id === null && isOpenStatus(o.status))
      .map((o) => orderJson(o, true)),
  };
}

function count(value: unknown, field: string, min = 0): number {
  const n = readNumber(value, field);
  if (n === undefined || !Number.isInteger(n) || n < min)
    throw invalid(`${field} must be an integer >= ${min}`);
  return n;
}

function clock(req: RestRequest, deps: TradingDeps): RestResult {
  const b = asObject(req.json());
  const quiet = readBoolean(b.quiet, 'quiet') ?? false;
  const now = deps.exchange.now();
  let target: number;
  if (b.advance_ms !== undefined) {
    const ms = readNumber(b.advance_ms, 'advance_ms');
    if (ms === undefined || !(ms >= 0)) throw invalid('advance_ms must be a number >= 0');
    target = now + ms;
  } else if (typeof b.to === 'string') {
    target = Date.parse(b.to);
    if (Number.isNaN(target))
      throw invalid('to must be an ISO-8601 time, e.g. 2024-05-01T13:30:00Z');
    if (target < now)
      throw invalid(
        `to is before the simulator's clock (${rfc3339(now)}); time only moves forward`,
      );
  } else {
    throw invalid('send {"advance_ms": N} or {"to": "ISO time"}, optionally with "quiet": true');
  }
  deps.exchange.advanceTo(target, { quiet });
  return ok(simState(deps));
}

/** `{"symbol","cancel":id}` busts a print; `{"symbol","correct":id,"price","size"}` corrects it. */
function fixTrade(deps: TradingDeps, symbol: string, b: Record<string, unknown>): RestResult {
  const id = readNumber(b.cancel ?? b.correct, b.cancel !== undefined ? 'cancel' : 'correct');
  if (id === undefined || !Number.isInteger(id))
    throw invalid('cancel and correct take a trade id');
  const fix =
    b.cancel !== undefined
      ? deps.exchange.cancelTrade(symbol, id)
      : deps.exchange.correctTrade(
          symbol,
          id,
          readNumber(b.price, 'price') ?? NaN,
          readNumber(b.size, 'size') ?? NaN,
        );
  return ok({
    kind: fix.kind,
    original: { id: fix.original.id, price: fix.original.price, size: fix.original.size },
    ...(fix.corrected
      ? {
          corrected: { id: fix.corrected.id, price: fix.corrected.price, size: fix.corrected.size },
        }
      : {}),
  });
}

function trade(req: RestRequest, deps: TradingDeps): RestResult {
  const b = asObject(req.json());
  const symbol = typeof b.symbol === 'string' ? b.symbol.toUpperCase() : '';
  if (!deps.market.symbols.some((s) => s.symbol === symbol))
    throw invalid(`unknown symbol: ${JSON.stringify(b.symbol)}`);
  if (b.cancel !== undefined || b.correct !== undefined) return fixTrade(deps, symbol, b);
  const price = readNumber(b.price, 'price');
  const size = readNumber(b.size, 'size') ?? 100;
  if (price === undefined || !(price > 0)) throw invalid('price must be a number > 0');
  if (!(size > 0)) throw invalid('size must be a number > 0');
  let ts: number | undefined;
  if (b.timestamp !== undefined) {
    ts = typeof b.timestamp === 'string' ? Date.parse(b.timestamp) : NaN;
    if (Number.isNaN(ts))
      throw invalid('timestamp must be an ISO-8601 time (a late report of an earlier trade)');
    if (ts > deps.exchange.now())
      throw invalid(`timestamp is after the simulator's clock (${rfc3339(deps.exchange.now())})`);
  }
  const p = deps.exchange.printTrade(symbol, price, size, ts === undefined ? undefined : { ts });
  const q = deps.exchange.quote(symbol);
  return ok({
    trade: { symbol, price, size, id: p.id, late: p.late === true, timestamp: rfc3339(p.ts) },
    quote: { bid: q.bid, ask: q.ask },
  });
}

function faults(req: RestRequest, deps: TradingDeps, targets: FaultTargets): RestResult {
  const b = asObject(req.json());
  switch (b.kind) {
    case 'drop_streams': {
      const refuseMs = b.refuse_ms === undefined ? 0 : count(b.refuse_ms, 'refuse_ms');
      targets.dropStreams(refuseMs);
      return ok({ kind: b.kind, refuse_ms: refuseMs });
    }
    case 'duplicate_trade_updates': {
      const n = count(b.count, 'count', 1);
      targets.duplicateTradeUpdates(n);
      return ok({ kind: b.kind, count: n });
    }
    case 'delay_trade_updates': {
      const ms = count(b.ms, 'ms');
      targets.delayTradeUpdates(ms);
      return ok({ kind: b.kind, ms });
    }
    case 'reject_orders': {
      const n = count(b.count, 'count', 1);
      const status = b.status === undefined ? 403 : count(b.status, 'status');
      if (status !== 403 && status !== 422 && status !== 429 && status !== 500)
        throw invalid('status must be 403, 422, 429 or 500');
      const message =
        typeof b.message === 'string' && b.message !== ''
          ? b.message
          : 'order rejected by the simulator (fault injection)';
      deps.exchange.injectRejections(n, status, message);
      return ok({ kind: b.kind, count: n, status, message });
    }
    case 'rotate_credentials': {
      // A key regenerated on the broker's dashboard: the old one is refused from the next request or login.
      if (
        typeof b.key !== 'string' ||
        b.key === '' ||
        typeof b.secret !== 'string' ||
        b.secret === ''
      )
        throw invalid('key and secret must be non-empty strings');
      targets.rotateCredentials(b.key, b.secret);
      return ok({ kind: b.kind });
    }
    case 'partial_fills': {
      const parts = count(b.parts, 'parts', 2);
      deps.exchange.injectPartialFills(parts);
      return ok({ kind: b.kind, parts });
    }
    default:
      throw invalid(
        'kind must be one of drop_streams, duplicate_trade_updates, delay_trade_updates, reject_orders, partial_fills, rotate_credentials',
      );
  }
}

/** Handles `/sim/*`, else undefined. */
export function controlRoutes(
  req: RestRequest,
  deps: TradingDeps,
  targets: FaultTargets,
): RestResult | undefined {
  if (!req.path.startsWith('/sim/') && req.path !== '/sim') return undefined;
  const route = `${req.method} ${req.path}`;
  switch (route) {
    case 'GET /sim/state':
      return ok(simState(deps));
    case 'POST /sim/clock':
      return clock(req, deps);
    case 'POST /sim/trade':
      return trade(req, deps);
    case 'POST /sim/faults':
      return faults(req, deps, targets);
    default:
      throw new HttpError(
        404,
        40410000,
        'control endpoint not found: use GET /sim/state, POST /sim/clock, /sim/trade or /sim/faults',
      );
  }
}
