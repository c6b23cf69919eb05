/** @module When and at what price one order executes against the NBBO (ALPACA.md §7, §14): marketability, stop election, trailing stops. */
import type { SimPrint, SimQuote } from '../contracts.ts';
import { roundToTick } from '../../domain/money.ts';
import type { OrderRecord } from './order-record.ts';
import { isWorking } from './order-record.ts';

/** What an order is evaluated against: the NBBO, the print that moved it (if any), whether regular hours are on. */
export interface Touch {
  readonly quote: SimQuote;
  readonly print: SimPrint | undefined;
  readonly inSession: boolean;
  /** The reference price of an auction (opening print) for opg orders. */
  readonly auctionPrice: number;
}

/** idle: not workable now; rest: working but not marketable; fill: executes at `price`. */
export type Decision =
  | { readonly kind: 'idle' }
  | { readonly kind: 'rest' }
  | { readonly kind: 'fill'; readonly price: number };

const IDLE: Decision = { kind: 'idle' };
const REST: Decision = { kind: 'rest' };

/** Marketable limit: buys fill at the ask when ask <= limit, sells at the bid when bid >= limit (price improvement). */
function limitDecision(rec: OrderRecord, limit: number, quote: SimQuote): Decision {
  if (rec.side === 'buy')
    return quote.ask <= limit + 1e-9 ? { kind: 'fill', price: quote.ask } : REST;
  return quote.bid >= limit - 1e-9 ? { kind: 'fill', price: quote.bid } : REST;
}

function marketDecision(rec: OrderRecord, quote: SimQuote): Decision {
  return { kind: 'fill', price: rec.side === 'buy' ? quote.ask : quote.bid };
}

/** Sets hwm (highest print for sells, lowest for buys) and the stop price it implies. */
export function trackTrail(rec: OrderRecord, price: number): void {
  const hwm =
    rec.hwm === null
      ? price
      : rec.side === 'sell'
        ? Math.max(rec.hwm, price)
        : Math.min(rec.hwm, price);
  rec.hwm = hwm;
  const offset = rec.trail_price ?? (hwm * (rec.trail_percent ?? 0)) / 100;
  rec.stop_price = roundToTick(rec.side === 'sell' ? hwm - offset : hwm + offset, 'nearest');
}

/** A stop elects on a regular-hours print at or through it: sell when print <= stop, buy when print >= stop. */
function elects(rec: OrderRecord, touch: Touch): boolean {
  if (rec.elected) return true;
  const print = touch.print;
  if (!print || !touch.inSession) return false;
  if (rec.type === 'trailing_stop') trackTrail(rec, print.price);
  const stop = rec.stop_price ?? 0;
  const through = rec.side === 'sell' ? print.price <= stop + 1e-9 : print.price >= stop - 1e-9;
  if (through) rec.elected = true;
  return through;
}

export function decide(rec: OrderRecord, touch: Touch): Decision {
  if (!isWorking(rec) || rec.time_in_force === 'cls') return IDLE;
  if (!touch.inSession && !(rec.extended_hours && rec.type === 'limit')) return IDLE;
  const { quote } = touch;
  if (rec.time_in_force === 'opg') {
    const p = touch.auctionPrice;
    const ok =
      rec.type === 'market' ||
      (rec.side === 'buy' ? p <= (rec.limit_price ?? 0) : p >= (rec.limit_price ?? 0));
    return ok ? { kind: 'fill', price: p } : REST;
  }
  switch (rec.type) {
    case 'market':
      return marketDecision(rec, quote);
    case 'limit':
      return limitDecision(rec, rec.limit_price ?? 0, quote);
    case 'stop':
      if (!elects(rec, touch)) return REST;
      return rec.side === 'sell'
        ? marketDecision(rec, quote)
        : limitDecision(rec, rec.protectLimit ?? 0, quote);
    case 'stop_limit':
      return elects(rec, touch) ? limitDecision(rec, rec.limit_price ?? 0, quote) : REST;
    case 'trailing_stop':
      return elects(rec, touch) ? marketDecision(rec, quote) : REST;
  }
}

/** A closing-auction (cls) order at the close: fills at the closing price when its limit allows. */
export function closingAuction(rec: OrderRecord, closePrice: number): Decision {
  if (rec.type === 'market') return { kind: 'fill', price: closePrice };
  const limit = rec.limit_price ?? 0;
  const ok = rec.side === 'buy' ? closePrice <= limit + 1e-9 : closePrice >= limit - 1e-9;
  return ok ? { kind: 'fill', price: closePrice } : REST;
}
