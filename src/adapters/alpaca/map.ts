/** @module SDK models <-> domain: the one place where the broker's decimal strings become numbers and back. */
import type { trading } from '@alpacahq/alpaca-trade-api';
import type {
  AccountReport,
  AssetReport,
  CalendarDay,
  ClockReport,
  PositionReport,
} from '../../domain/account.ts';
import type {
  EquityTimeframe,
  FillReport,
  PortfolioHistoryReport,
} from '../../domain/account-history.ts';
import { price, qty } from '../../domain/money.ts';
import { nyToEpoch } from '../../domain/time/ny-time.ts';
import type {
  OrderClass,
  OrderReport,
  OrderStatus,
  OrderType,
  SubmitOrder,
  TimeInForce,
} from '../../domain/orders.ts';

const num = (v: unknown, fallback = 0): number => {
  if (v === null || v === undefined || v === '') return fallback;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : fallback;
};
const numOrNull = (v: unknown): number | null =>
  v === null || v === undefined || v === '' ? null : num(v);
const ts = (v: unknown): number =>
  v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : 0;
const tsOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : ts(v));
const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

/** Decimal string for the wire: at most 9 decimals, no exponent, no trailing zeros. */
export function decimal(n: number, decimals = 9): string {
  return n.toFixed(decimals).replace(/\.?0+$/, '') || '0';
}

type SdkOrder = trading.Order | trading.OrderLeg;

export function toOrderReport(o: SdkOrder): OrderReport {
  // Read loosely: the SDK types many fields as required that a broker may omit.
  const r = o as unknown as Record<string, unknown>;
  const cls = str(r.orderClass);
  const legs = Array.isArray(r.legs) ? (r.legs as SdkOrder[]) : [];
  const priceOrNull = (v: unknown) => (numOrNull(v) === null ? null : price(num(v)));
  return {
    kind: 'OrderReport',
    id: str(r.id),
    clientOrderId: str(r.clientOrderId),
    symbol: str(r.symbol),
    side: r.side === 'sell' ? 'sell' : 'buy',
    type: str(r.type) as OrderType,
    timeInForce: str(r.timeInForce) as TimeInForce,
    orderClass: (cls === '' ? 'simple' : cls) as OrderClass,
    status: (str(r.status) || 'new') as OrderStatus,
    qty: numOrNull(r.qty) === null ? null : qty(num(r.qty)),
    notional: numOrNull(r.notional),
    filledQty: qty(num(r.filledQty)),
    filledAvgPrice: priceOrNull(r.filledAvgPrice),
    limitPrice: priceOrNull(r.limitPrice),
    stopPrice: priceOrNull(r.stopPrice),
    tsCreated: ts(r.createdAt),
    tsUpdated: ts(r.updatedAt ?? r.createdAt),
    tsFilled: tsOrNull(r.filledAt),
    legs: legs.map(toOrderReport),
  };
}

export function toPostOrderRequest(c: SubmitOrder): trading.PostOrderRequest {
  return {
    symbol: c.symbol,
    side: c.side,
    type: c.type,
    timeInForce: c.timeInForce,
    clientOrderId: c.clientOrderId,
    ...(c.qty === undefined ? {} : { qty: decimal(c.qty) }),
    ...(c.notional === undefined ? {} : { notional: decimal(c.notional, 2) }),
    ...(c.limitPrice === undefined ? {} : { limitPrice: decimal(c.limitPrice, 4) }),
    ...(c.stopPrice === undefined ? {} : { stopPrice: decimal(c.stopPrice, 4) }),
    ...(c.orderClass === undefined || c.orderClass === 'simple'
      ? {}
      : { orderClass: c.orderClass }),
    ...(c.takeProfit === undefined
      ? {}
      : { takeProfit: { limitPrice: decimal(c.takeProfit.limitPrice, 4) } }),
    ...(c.stopLoss === undefined
      ? {}
      : {
          stopLoss: {
            stopPrice: decimal(c.stopLoss.stopPrice, 4),
            ...(c.stopLoss.limitPrice === undefined
              ? {}
              : { limitPrice: decimal(c.stopLoss.limitPrice, 4) }),
          },
        }),
  };
}

export function toPositionReport(p: trading.Position): PositionReport {
  return {
    kind: 'PositionReport',
    symbol: str(p.symbol),
    qty: qty(num(p.qty)),
    qtyAvailable: qty(num(p.qtyAvailable ?? p.qty)),
    avgEntryPrice: price(num(p.avgEntryPrice)),
    currentPrice: price(num(p.currentPrice)),
    marketValue: num(p.marketValue),
    costBasis: num(p.costBasis),
    unrealizedPl: num(p.unrealizedPl),
    unrealizedPlpc: num(p.unrealizedPlpc),
    lastdayPrice: price(num(p.lastdayPrice)),
  };
}

export function toAccountReport(a: trading.Account): AccountReport {
  const raw = a as trading.Account & Record<string, unknown>;
  return {
    kind: 'AccountReport',
    id: str(raw.id),
    status: str(raw.status),
    cash: num(raw.cash),
    equity: num(raw.equity),
    lastEquity: num(raw.last_equity ?? raw.lastEquity),
    buyingPower: num(raw.buying_power ?? raw.buyingPower),
    longMarketValue: num(raw.long_market_value ?? raw.longMarketValue),
    tradingBlocked: Boolean(raw.trading_blocked ?? raw.tradingBlocked ?? false),
  };
}

export function toClockReport(c: trading.LegacyClock): ClockReport {
  return {
    kind: 'ClockReport',
    tsNow: ts(c.timestamp),
    isOpen: c.isOpen,
    tsNextOpen: ts(c.nextOpen),
    tsNextClose: ts(c.nextClose),
  };
}

export function toCalendarDay(d: trading.LegacyCalendarDay): CalendarDay {
  // The SDK parses the date at UTC midnight; open/close are New York wall times.
  const date = d.date.toISOString().slice(0, 10);
  return { date, tsOpen: nyToEpoch(date, d.open), tsClose: nyToEpoch(date, d.close) };
}

export function toAssetReport(a: trading.Assets): AssetReport {
  return {
    kind: 'AssetReport',
    symbol: a.symbol,
    name: a.name,
    tradable: a.tradable,
    fractionable: a.fractionable,
    status: str(a.status),
  };
}

/** One FILL activity (the SDK keeps its raw keys too); quantities and prices arrive as decimal strings. */
export function toFillReport(a: trading.GetAccountActivities200ResponseInner): FillReport {
  const r: Record<string, unknown> = a;
  return {
    kind: 'FillReport',
    id: str(r.id),
    orderId: str(r.orderId ?? r.order_id),
    symbol: str(r.symbol),
    side: r.side === 'sell' ? 'sell' : 'buy',
    price: price(num(r.price)),
    qty: qty(num(r.qty)),
    cumQty: qty(num(r.cumQty ?? r.cum_qty)),
    leavesQty: qty(num(r.leavesQty ?? r.leaves_qty)),
    orderStatus: (str(r.orderStatus ?? r.order_status) || 'filled') as OrderStatus,
    partial: (r.type ?? '') === 'partial_fill',
    tsTransaction: ts(r.transactionTime ?? r.transaction_time),
  };
}

/** The portfolio history's parallel arrays as points (timestamps arrive in epoch seconds). */
export function toPortfolioHistoryReport(
  h: trading.PortfolioHistory,
  timeframe: EquityTimeframe,
): PortfolioHistoryReport {
  return {
    kind: 'PortfolioHistoryReport',
    timeframe,
    baseValue: num(h.baseValue),
    points: h.timestamp.map((t, i) => ({
      ts: t * 1000,
      equity: num(h.equity[i]),
      profitLoss: num(h.profitLoss[i]),
      profitLossPct: num(h.profitLossPct[i]),
    })),
  };
}
