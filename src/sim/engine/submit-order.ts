/** @module Order submission: injected faults, validation in Alpaca's order of concerns, acceptance events, immediate matching. */
import type { SimOrder, SimOrderRequest } from '../contracts.ts';
import { SimRejection } from '../contracts.ts';
import type { EngineState } from './engine-state.ts';
import { checkConfigAllows } from './account-config.ts';
import { emitUpdate, snap } from './engine-state.ts';
import { matchOrder, touchOf } from './match-order.ts';
import { buildRecords } from './new-records.ts';
import { codeForStatus, invalidRequest } from './rejections.ts';
import {
  assetOf,
  checkAdvanced,
  checkAuctionWindow,
  checkClientOrderId,
  checkFractional,
  isFractional,
} from './validate-context.ts';
import {
  checkBuyingPower,
  checkSellQty,
  checkWashTrade,
  reservePerShare,
  sellQtyOf,
} from './validate-funds.ts';
import { validateRequest } from './validate-request.ts';

/** Throws the next injected rejection, if any are pending. */
export function consumeInjectedRejection(engine: EngineState): void {
  const r = engine.rejections;
  if (!r || r.count <= 0) return;
  r.count -= 1;
  if (r.count === 0) engine.rejections = undefined;
  throw new SimRejection(r.status, codeForStatus(r.status), r.message);
}

/**
 * Validates and accepts an order. Returns the order as accepted (status `new`, `accepted`, legs `held`),
 * before any execution; fills follow as trade updates within the same call.
 */
export function acceptOrder(engine: EngineState, req: SimOrderRequest): SimOrder {
  const n = validateRequest(req);
  const asset = assetOf(engine, n.symbol);
  checkConfigAllows(engine.config, isFractional(n));
  checkFractional(n, asset);
  checkClientOrderId(engine, n.clientOrderId);
  checkAuctionWindow(engine, n);
  checkAdvanced(engine, n);
  checkWashTrade(engine, n.symbol, n.side);
  let targetQty = n.qty;
  if (n.side === 'sell') {
    targetQty = sellQtyOf(engine, n.symbol, n.qty, n.notional);
    if (targetQty <= 0) throw invalidRequest('notional is too small for one share fraction');
    checkSellQty(engine, n.symbol, targetQty);
  } else {
    const perShare = reservePerShare(engine, {
      symbol: n.symbol,
      type: n.type,
      limitPrice: n.limitPrice,
      stopPrice: n.stopPrice,
    });
    checkBuyingPower(engine, n.notional ?? perShare * (n.qty ?? 0));
  }

  const records = buildRecords(engine, n, asset, targetQty);
  const parent = records[0];
  if (!parent) throw new Error('exchange bug: an accepted order has no records');
  parent.injectedParts = engine.pendingParts;
  engine.pendingParts = 0;
  for (const rec of records) engine.book.add(rec);
  for (const rec of records) if (rec.status === 'new') emitUpdate(engine, 'new', rec);
  const accepted = snap(engine, parent);
  for (const rec of records) {
    if (rec.status === 'new') matchOrder(engine, rec, touchOf(engine, rec.symbol));
  }
  return accepted;
}
