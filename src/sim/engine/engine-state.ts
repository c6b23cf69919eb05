/** @module The state the exchange's parts share (clock, session, book, ledger, tape, listeners, faults) and small helpers over it. */
import type {
  Session,
  SimOrder,
  SimSymbolInfo,
  SimTradeEvent,
  SimTradeUpdate,
  SyntheticMarket,
} from '../contracts.ts';
import type { SimAccountConfig } from '../account-contracts.ts';
import type { ActivityLog } from './activity-log.ts';
import type { EventHub } from './event-hub.ts';
import type { InjectedPrints } from './injected-prints.ts';
import type { Ledger } from './ledger.ts';
import type { OrderBook } from './order-book.ts';
import type { OrderRecord } from './order-record.ts';
import { snapshot } from './order-record.ts';
import type { Rng } from './rng.ts';
import type { Tape } from './tape.ts';
import type { TradeMarks } from './trade-marks.ts';

export interface InjectedRejections {
  count: number;
  status: 403 | 422 | 429 | 500;
  message: string;
}

export interface DividendDue {
  readonly actionId: string;
  readonly symbol: string;
  readonly qty: number;
  readonly perShare: number;
  readonly payableDate: string;
}

export interface EngineState {
  readonly market: SyntheticMarket;
  readonly assets: ReadonlyMap<string, SimSymbolInfo>;
  readonly spreadBps: number;
  readonly partialFillRate: number;
  readonly book: OrderBook;
  readonly ledger: Ledger;
  readonly tape: Tape;
  readonly injected: InjectedPrints;
  readonly marks: TradeMarks;
  readonly activities: ActivityLog;
  /** Dividends earned at an ex-date, paid at their payable date's open. */
  readonly dividendsDue: DividendDue[];
  readonly hub: EventHub;
  readonly rng: Rng;
  readonly accountId: string;
  readonly accountNumber: string;
  now: number;
  /** The regular session in progress, if any (moved only by the clock walk). */
  session: Session | undefined;
  rejections: InjectedRejections | undefined;
  config: SimAccountConfig;
  /** Executions the next submitted order is split into (0 = none pending). */
  pendingParts: number;
}

export const snap = (engine: EngineState, rec: OrderRecord): SimOrder =>
  snapshot(rec, (id) => engine.book.get(id));

export const lastPrice = (engine: EngineState, symbol: string): number =>
  engine.tape.last(symbol, engine.now).price;

export function emitUpdate(
  engine: EngineState,
  event: SimTradeEvent,
  rec: OrderRecord,
  execution?: { price: number; qty: number; position_qty: number; execution_id: string },
): void {
  const update: SimTradeUpdate = { event, ts: engine.now, order: snap(engine, rec), ...execution };
  engine.hub.tradeUpdate(Object.freeze(update));
}

/** Sets a status and the matching timestamp, and keeps the book's open index right. */
export function setStatus(
  engine: EngineState,
  rec: OrderRecord,
  status: OrderRecord['status'],
): void {
  rec.status = status;
  rec.updated_at = engine.now;
  if (status === 'filled') rec.filled_at = engine.now;
  if (status === 'canceled') rec.canceled_at = engine.now;
  if (status === 'expired') rec.expired_at = engine.now;
  if (status === 'replaced') rec.replaced_at = engine.now;
  engine.book.touch(rec);
}
