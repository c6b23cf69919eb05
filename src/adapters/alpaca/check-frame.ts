/**
 * @module The edge's check of every streamed frame before it is mapped: a trade update needs a known event, a
 * parseable broker timestamp, an order with id, symbol and side, and for an execution finite positive price and
 * quantity and a finite position; a market trade needs a symbol, finite positive price and size, and a timestamp.
 * A minute bar needs a symbol, positive prices its low and high hold, a volume and a time.
 * A frame that fails is reported as a BadFrame and never reaches the holdings or the clock.
 */
import type { streaming } from '@alpacahq/alpaca-trade-api';
import type { BadFrame } from '../../domain/events.ts';

export const KNOWN_EVENTS: ReadonlySet<string> = new Set([
  'new',
  'fill',
  'partial_fill',
  'canceled',
  'expired',
  'done_for_day',
  'replaced',
  'rejected',
  'pending_new',
  'pending_cancel',
  'pending_replace',
  'stopped',
  'suspended',
  'calculated',
  'order_replace_rejected',
  'order_cancel_rejected',
  'accepted',
]);

const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
const finite = (v: unknown): number | null => {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : NaN;
};
const validDate = (d: unknown): boolean => d instanceof Date && Number.isFinite(d.getTime());

function identify(u: streaming.TradeUpdate): Record<string, string> {
  const o = (u.order as unknown as Record<string, unknown> | undefined) ?? {};
  return {
    event: text(u.event),
    symbol: text(o.symbol),
    orderId: text(o.id),
    clientOrderId: text(o.clientOrderId),
    timestamp: text(u.timestamp instanceof Date ? u.timestamp.toISOString() : u.timestamp),
  };
}

function tradeUpdateProblem(u: streaming.TradeUpdate): string | null {
  if (!KNOWN_EVENTS.has(u.event)) return `unknown event "${text(u.event)}"`;
  if (!validDate(u.timestamp)) return 'no parseable timestamp';
  const o = u.order as unknown as Record<string, unknown> | undefined;
  if (o === undefined || text(o.id) === '' || text(o.symbol) === '') return 'no order id or symbol';
  if (o.side !== 'buy' && o.side !== 'sell') return `order side "${text(o.side)}"`;
  const filled = finite(o.filledQty);
  if (filled !== null && !(filled >= 0)) return `order filled_qty "${text(o.filledQty)}"`;
  const avg = finite(o.filledAvgPrice);
  if (avg !== null && !(avg > 0)) return `order filled_avg_price "${text(o.filledAvgPrice)}"`;
  if (u.event !== 'fill' && u.event !== 'partial_fill') return null;
  const price = finite(u.price);
  const qty = finite(u.qty);
  const position = finite(u.positionQty);
  if (price === null || !(price > 0)) return `execution price "${text(u.price)}"`;
  if (qty === null || !(qty > 0)) return `execution qty "${text(u.qty)}"`;
  if (position === null || Number.isNaN(position)) return `position_qty "${text(u.positionQty)}"`;
  return null;
}

/** Null when the trade update may be mapped; else the BadFrame that names it and why. */
export function checkTradeUpdate(u: streaming.TradeUpdate): BadFrame | null {
  const reason = tradeUpdateProblem(u);
  return reason === null ? null : { kind: 'BadFrame', feed: 'trading', reason, frame: identify(u) };
}

/** Null when the market trade may be mapped; else the BadFrame. */
export function checkMarketTrade(t: {
  readonly symbol?: unknown;
  readonly price?: unknown;
  readonly size?: unknown;
  readonly timestamp?: unknown;
}): BadFrame | null {
  const price = finite(t.price);
  const size = finite(t.size);
  const reason =
    text(t.symbol) === ''
      ? 'no symbol'
      : price === null || !(price > 0)
        ? `price "${text(t.price)}"`
        : size === null || !(size > 0)
          ? `size "${text(t.size)}"`
          : !validDate(t.timestamp)
            ? 'no parseable timestamp'
            : null;
  return reason === null
    ? null
    : {
        kind: 'BadFrame',
        feed: 'market',
        reason,
        frame: { symbol: text(t.symbol), price: text(t.price), size: text(t.size) },
      };
}

/** Null when the minute bar may be mapped (a symbol, finite positive prices with low <= open, close <= high, a volume, a time). */
export function checkMarketBar(b: {
  readonly symbol?: unknown;
  readonly open?: unknown;
  readonly high?: unknown;
  readonly low?: unknown;
  readonly close?: unknown;
  readonly volume?: unknown;
  readonly timestamp?: unknown;
}): BadFrame | null {
  const [o, h, l, c, v] = [
    finite(b.open),
    finite(b.high),
    finite(b.low),
    finite(b.close),
    finite(b.volume),
  ];
  const prices = [o, h, l, c];
  const reason =
    text(b.symbol) === ''
      ? 'no symbol'
      : prices.some((p) => p === null || !(p > 0))
        ? `bar prices "${prices.map((p) => String(p)).join(' ')}"`
        : (l ?? 0) > Math.min(o ?? 0, c ?? 0) || (h ?? 0) < Math.max(o ?? 0, c ?? 0)
          ? 'bar low/high do not hold its open and close'
          : v === null || !(v >= 0)
            ? `volume "${text(b.volume)}"`
            : !validDate(b.timestamp)
              ? 'no parseable timestamp'
              : null;
  return reason === null
    ? null
    : {
        kind: 'BadFrame',
        feed: 'market',
        reason,
        frame: { symbol: text(b.symbol), close: text(b.close) },
      };
}
