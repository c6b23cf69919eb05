/** @module The account and positions as the broker reports them: market values at the last trade, intraday and total P/L, qty_available. */
import type { SimAccount, SimPosition } from '../account-contracts.ts';
import { roundQty } from '../../domain/money.ts';
import type { EngineState } from './engine-state.ts';
import { lastPrice } from './engine-state.ts';
import { assetIdFor } from './ids.ts';
import type { PositionState } from './ledger.ts';
import { longMarketValue } from './ledger.ts';
import { reservedCash, reservedShares } from './reservations.ts';

const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);

function positionView(engine: EngineState, symbol: string, pos: PositionState): SimPosition {
  const current = lastPrice(engine, symbol);
  const lastday = engine.tape.lastdayPrice(symbol);
  const marketValue = pos.qty * current;
  const costBasis = pos.qty * pos.avgEntry;
  return {
    symbol,
    asset_id: assetIdFor(symbol),
    qty: pos.qty,
    // Never negative: open sells are checked against it at submission (the property tests hold it to that).
    qty_available: roundQty(pos.qty - reservedShares(engine.book, symbol)),
    avg_entry_price: pos.avgEntry,
    current_price: current,
    lastday_price: lastday,
    market_value: marketValue,
    cost_basis: costBasis,
    unrealized_pl: marketValue - costBasis,
    unrealized_plpc: ratio(marketValue - costBasis, costBasis),
    unrealized_intraday_pl: marketValue - pos.intradayCost,
    unrealized_intraday_plpc: ratio(marketValue - pos.intradayCost, pos.intradayCost),
    change_today: ratio(current - lastday, lastday),
  };
}

export function positionsView(engine: EngineState): SimPosition[] {
  return [...engine.ledger.positions]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([symbol, pos]) => Object.freeze(positionView(engine, symbol, pos)));
}

export function positionOf(engine: EngineState, symbol: string): SimPosition | undefined {
  const pos = engine.ledger.positions.get(symbol);
  return pos && Object.freeze(positionView(engine, symbol, pos));
}

export function equityOf(engine: EngineState): number {
  return engine.ledger.cash + longMarketValue(engine.ledger, (s) => lastPrice(engine, s));
}

export function accountView(engine: EngineState): SimAccount {
  const { ledger } = engine;
  const lmv = longMarketValue(ledger, (s) => lastPrice(engine, s));
  return Object.freeze({
    id: engine.accountId,
    account_number: engine.accountNumber,
    cash: ledger.cash,
    equity: ledger.cash + lmv,
    last_equity: ledger.lastEquity,
    long_market_value: lmv,
    buying_power: Math.max(0, ledger.cash - reservedCash(engine.book)),
    realized_pl: ledger.realizedPl,
    trade_suspended_by_user: engine.config.suspend_trade,
  });
}
