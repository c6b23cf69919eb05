/** @module Account protections at submission: wash trades, shares available to sell (no shorting), buying power. */
import type { SimOrderType, SimSide } from '../contracts.ts';
import { floorQty, isWholeQty, roundToTick } from '../../domain/money.ts';
import type { EngineState } from './engine-state.ts';
import { lastPrice } from './engine-state.ts';
import { positionQty } from './ledger.ts';
import type { OrderRecord } from './order-record.ts';
import { MARKET_BUY_BUFFER, reservedCash, reservedShares } from './reservations.ts';
import { WASH_TRADE, forbidden, insufficientQty } from './rejections.ts';

/** Strict wash-trade rule: any open opposite-side order on the symbol, except orders of the same advanced order. */
export function checkWashTrade(
  engine: EngineState,
  symbol: string,
  side: SimSide,
  sameGroup?: OrderRecord,
): void {
  for (const rec of engine.book.open(symbol)) {
    if (rec.side === side) continue;
    if (sameGroup?.group && rec.group === sameGroup.group) continue;
    throw forbidden(WASH_TRADE);
  }
}

/** Shares a sell asks for: its qty, or a notional converted at the bid. */
export function sellQtyOf(
  engine: EngineState,
  symbol: string,
  qty: number | null,
  notional: number | null,
): number {
  if (qty !== null) return qty;
  return floorQty((notional ?? 0) / engine.tape.quote(symbol, engine.now).bid);
}

/** qty_available = position - shares reserved by open sells; longs only (selling more is refused). */
export function availableToSell(
  engine: EngineState,
  symbol: string,
  exclude?: OrderRecord,
): number {
  return Math.max(
    0,
    positionQty(engine.ledger, symbol) - reservedShares(engine.book, symbol, exclude),
  );
}

export function checkSellQty(
  engine: EngineState,
  symbol: string,
  requested: number,
  exclude?: OrderRecord,
): void {
  const position = positionQty(engine.ledger, symbol);
  if (!isWholeQty(requested) && requested > position + 1e-9)
    throw forbidden('fractional orders are not allowed to short');
  const available = availableToSell(engine, symbol, exclude);
  if (requested > available + 1e-9) throw insufficientQty(requested, available);
}

/** The limit a buy stop turns into once elected: 4 % above a stop under $50, 2.5 % from $50. */
export function buyStopLimit(stop: number): number {
  return roundToTick(stop * (stop < 50 ? 1.04 : 1.025), 'down');
}

/** Cash per share a buy reserves: its limit (or the stop's cap), else the last ask plus a 5 % buffer. */
export function reservePerShare(
  engine: EngineState,
  o: { symbol: string; type: SimOrderType; limitPrice: number | null; stopPrice: number | null },
): number {
  if (o.type === 'limit' || o.type === 'stop_limit') return o.limitPrice ?? 0;
  if (o.type === 'stop') return buyStopLimit(o.stopPrice ?? 0);
  const ask = engine.tape.quote(o.symbol, engine.now).ask;
  return Math.max(ask, lastPrice(engine, o.symbol)) * MARKET_BUY_BUFFER;
}

export function buyingPower(engine: EngineState, exclude?: OrderRecord): number {
  return engine.ledger.cash - reservedCash(engine.book, exclude);
}

export function checkBuyingPower(
  engine: EngineState,
  required: number,
  exclude?: OrderRecord,
): void {
  if (required > buyingPower(engine, exclude) + 1e-9) throw forbidden('insufficient buying power');
}
