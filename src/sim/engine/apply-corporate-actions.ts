/**
 * @module Corporate actions at a session's open, as Alpaca applies them. On a split's ex-date the symbol's open
 * orders are canceled, and a position holds ratio x the shares at 1/ratio of the average price (cost unchanged);
 * the last price and the previous close are restated per new share. On a dividend's ex-date the shares held at
 * the previous close earn it; it is paid in cash at the open of its payable date. Each leaves an activity.
 */
import type { Session, SimCorporateAction } from '../contracts.ts';
import { roundQty } from '../../domain/money.ts';
import { activityId } from './activity-log.ts';
import type { EngineState } from './engine-state.ts';
import { terminate } from './lifecycle.ts';
import { isOpen } from './order-record.ts';

function applySplit(engine: EngineState, session: Session, a: SimCorporateAction): void {
  for (const rec of engine.book.open(a.symbol)) if (isOpen(rec)) terminate(engine, rec, 'canceled');
  engine.tape.split(a.symbol, a.ratio);
  const pos = engine.ledger.positions.get(a.symbol);
  if (!pos) return;
  pos.qty = roundQty(pos.qty * a.ratio);
  pos.avgEntry /= a.ratio;
  engine.activities.add({
    kind: 'split',
    id: activityId(engine.now, a.id),
    ts: engine.now,
    date: session.date,
    symbol: a.symbol,
    qty: pos.qty,
    ratio: a.ratio,
  });
}

function earnDividend(engine: EngineState, a: SimCorporateAction): void {
  const qty = engine.ledger.positions.get(a.symbol)?.qty ?? 0;
  if (qty > 0)
    engine.dividendsDue.push({
      actionId: a.id,
      symbol: a.symbol,
      qty,
      perShare: a.cash,
      payableDate: a.payableDate,
    });
}

function payDividends(engine: EngineState, session: Session): void {
  const due = engine.dividendsDue.filter((d) => d.payableDate <= session.date);
  if (due.length === 0) return;
  engine.dividendsDue.splice(
    0,
    engine.dividendsDue.length,
    ...engine.dividendsDue.filter((d) => d.payableDate > session.date),
  );
  for (const d of due) {
    const netAmount = Math.round(d.qty * d.perShare * 100) / 100;
    engine.ledger.cash += netAmount;
    engine.activities.add({
      kind: 'dividend',
      id: activityId(engine.now, d.actionId),
      ts: engine.now,
      date: session.date,
      symbol: d.symbol,
      qty: d.qty,
      perShare: d.perShare,
      netAmount,
    });
  }
}

/** Applies the actions dated on this session to the symbols the account holds or has orders in, then pays what is due. */
export function applyCorporateActions(engine: EngineState, session: Session): void {
  const symbols = new Set([
    ...engine.ledger.positions.keys(),
    ...engine.book.open().map((rec) => rec.symbol),
  ]);
  for (const symbol of [...symbols].sort()) {
    for (const a of engine.market.corporateActions(symbol, session.date, session.date)) {
      if (a.kind === 'split') applySplit(engine, session, a);
      else earnDividend(engine, a);
    }
  }
  payDividends(engine, session);
}
