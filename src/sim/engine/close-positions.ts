/** @module Liquidation: close one position (all, a qty or a percentage) with a market sell, or all of them (optionally cancelling orders first). */
import type { SimOrder } from '../contracts.ts';
import { SimRejection } from '../contracts.ts';
import { floorQty } from '../../domain/money.ts';
import { cancelAllOrders } from './cancel-orders.ts';
import type { EngineState } from './engine-state.ts';
import { invalidRequest, notFound } from './rejections.ts';
import { acceptOrder } from './submit-order.ts';

export function closePosition(
  engine: EngineState,
  symbol: string,
  options: { qty?: number; percentage?: number } = {},
): SimOrder {
  const pos = engine.ledger.positions.get(symbol);
  if (!pos) throw notFound('position does not exist');
  if (options.qty !== undefined && options.percentage !== undefined)
    throw invalidRequest('only one of qty or percentage');
  let qty = pos.qty;
  if (options.qty !== undefined) qty = options.qty;
  if (options.percentage !== undefined) {
    const pct = options.percentage;
    if (!Number.isFinite(pct) || pct <= 0 || pct > 100)
      throw invalidRequest('percentage must be > 0 and <= 100');
    qty = floorQty((pos.qty * pct) / 100);
    // Whole shares only for assets that do not trade fractions.
    if (engine.assets.get(symbol)?.fractionable === false) qty = Math.floor(qty);
  }
  if (qty <= 0) throw invalidRequest('qty must be > 0');
  return acceptOrder(engine, { symbol, side: 'sell', type: 'market', time_in_force: 'day', qty });
}

export function closeAllPositions(
  engine: EngineState,
  cancelOrders: boolean,
): Array<{
  symbol: string;
  status: number;
  order?: SimOrder;
  error?: { code: number; message: string };
}> {
  if (cancelOrders) cancelAllOrders(engine);
  return [...engine.ledger.positions.keys()].sort().map((symbol) => {
    try {
      return { symbol, status: 200, order: closePosition(engine, symbol) };
    } catch (e) {
      if (!(e instanceof SimRejection)) throw e;
      return { symbol, status: e.status, error: { code: e.code, message: e.message } };
    }
  });
}
