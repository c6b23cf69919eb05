/** @module Order rules that depend on the asset, the clock and the position: fractional rules, client ids, auction windows, advanced-order shapes. */
import type { SimSymbolInfo } from '../contracts.ts';
import { isWholeQty } from '../../domain/money.ts';
import type { EngineState } from './engine-state.ts';
import { lastPrice } from './engine-state.ts';
import { positionQty } from './ledger.ts';
import { forbidden, invalidRequest, unprocessable } from './rejections.ts';
import type { NormalizedRequest } from './validate-request.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const MAX_CLIENT_ORDER_ID = 128;

export function assetOf(engine: EngineState, symbol: string): SimSymbolInfo {
  const asset = engine.assets.get(symbol);
  if (!asset) throw invalidRequest(`asset "${symbol}" not found`);
  return asset;
}

export const isFractional = (n: NormalizedRequest): boolean =>
  n.notional !== null || !isWholeQty(n.qty ?? 0);

export function checkFractional(n: NormalizedRequest, asset: SimSymbolInfo): void {
  if (!isFractional(n)) return;
  if (!asset.fractionable) throw forbidden(`asset "${asset.symbol}" is not fractionable`);
  if (n.tif !== 'day') throw invalidRequest('fractional orders must be DAY orders');
  if (n.type === 'trailing_stop')
    throw invalidRequest('fractional orders are not supported for trailing_stop orders');
  if (n.orderClass !== 'simple')
    throw invalidRequest(`fractional orders are not supported for ${n.orderClass} orders`);
  if (n.extendedHours)
    throw invalidRequest('fractional orders are not supported in extended hours');
  if (n.notional !== null && n.type !== 'market')
    throw invalidRequest('notional orders must be market orders');
}

export function checkClientOrderId(engine: EngineState, clientOrderId: string | undefined): void {
  if (clientOrderId === undefined) return;
  if (clientOrderId.length > MAX_CLIENT_ORDER_ID) {
    throw invalidRequest(`client_order_id must be no more than ${MAX_CLIENT_ORDER_ID} characters`);
  }
  if (engine.book.clientIdUsed(clientOrderId))
    throw invalidRequest('client_order_id must be unique');
}

/** opg is refused from 9:28 to 19:00 ET, cls from 10 minutes before the close to 19:00 ET. */
export function checkAuctionWindow(engine: EngineState, n: NormalizedRequest): void {
  if (n.tif !== 'opg' && n.tif !== 'cls') return;
  const { calendar } = engine.market;
  const now = engine.now;
  const prev = engine.session ?? calendar.previousSessionBefore(now);
  // 19:00 ET is 9.5 h after the 9:30 open.
  const evening = prev.tsOpen + 9.5 * HOUR;
  if (n.tif === 'opg') {
    const next = calendar.nextSessionAfter(now);
    if (engine.session || now < evening || now >= next.tsOpen - 2 * MINUTE) {
      throw unprocessable('opg orders are not accepted from 9:28 to 19:00 ET');
    }
  }
  if (n.tif === 'cls') {
    const inWindow = engine.session ? now >= engine.session.tsClose - 10 * MINUTE : now < evening;
    if (inWindow)
      throw unprocessable(
        'cls orders are not accepted from 10 minutes before the close to 19:00 ET',
      );
  }
}

/** Bracket/oto must open a position, oco must close one; exit prices keep 0.01 from the base price. */
export function checkAdvanced(engine: EngineState, n: NormalizedRequest): void {
  if (n.orderClass === 'simple') return;
  const position = positionQty(engine.ledger, n.symbol);
  const exitSide = n.orderClass === 'oco' ? n.side : n.side === 'buy' ? 'sell' : 'buy';
  if (n.orderClass === 'oco') {
    const closes = n.side === 'sell' ? position > 0 : position < 0;
    if (!closes) throw unprocessable('oco orders must be exit orders');
  } else {
    const opens = n.side === 'buy' ? position >= 0 : position <= 0;
    if (!opens) throw unprocessable(`${n.orderClass} orders must be entry orders`);
  }
  const base =
    n.orderClass === 'oco'
      ? (n.takeProfit ?? 0)
      : (n.limitPrice ?? n.stopPrice ?? lastPrice(engine, n.symbol));
  checkExitPrices(
    exitSide,
    base,
    n.orderClass === 'oco' ? null : n.takeProfit,
    n.stopLoss?.stopPrice ?? null,
  );
}

function checkExitPrices(
  exitSide: 'buy' | 'sell',
  base: number,
  takeProfit: number | null,
  stop: number | null,
): void {
  const eps = 1e-9;
  if (exitSide === 'sell') {
    if (takeProfit !== null && takeProfit < base + 0.01 - eps)
      throw unprocessable('take_profit.limit_price must be >= base_price + 0.01');
    if (stop !== null && stop > base - 0.01 + eps)
      throw unprocessable('stop price must be less than base_price - 0.01');
  } else {
    if (takeProfit !== null && takeProfit > base - 0.01 + eps)
      throw unprocessable('take_profit.limit_price must be <= base_price - 0.01');
    if (stop !== null && stop < base + 0.01 - eps)
      throw unprocessable('stop price must be greater than base_price + 0.01');
  }
}
