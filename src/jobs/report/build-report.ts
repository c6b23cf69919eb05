/** @module Builds the report from broker snapshots, the fill ledger, the journal and the stored histories, pure. */
import type { AccountReport, PositionReport } from '../../domain/account.ts';
import type { CostModel } from '../../domain/rules/costs.ts';
import {
  calmarRatio,
  maxDrawdown,
  periodReturns,
  sharpeRatio,
  sortinoRatio,
} from '../../domain/rules/metrics.ts';
import { cents } from '../../domain/money.ts';
import { nyDate, nyIso } from '../../domain/time/ny-time.ts';
import type { OrderReport } from '../../domain/orders.ts';
import type { JournalEntry } from '../../domain/ports.ts';
import { coverageOf } from '../ops/position-coverage.ts';
import { expiredDayStop } from './expired-day-stop.ts';
import type { FillLedger } from './fill-ledger.ts';
import type {
  EquityPoint,
  ReportData,
  ReportMetrics,
  ReportPosition,
  ReportProtection,
  ReportTrade,
} from './report-data.ts';
import { strategyAt, tradeStats } from './report-trades.ts';

export interface ReportInput {
  readonly tsNow: number;
  readonly day: string;
  /** New York midnight of the report day: fills and protections since then are "today". */
  readonly dayStart: number;
  readonly tradingDay: boolean;
  /** The broker's clock: a fractional DAY stop is expected to be missing while the market is closed. */
  readonly marketOpen: boolean;
  readonly account: AccountReport;
  readonly positions: readonly PositionReport[];
  readonly openOrders: readonly OrderReport[];
  readonly ledger: FillLedger;
  /** Every closed trade in the window (today's are shown; all feed nothing here). */
  readonly trades: readonly ReportTrade[];
  /** Every stored trade, for the metrics. */
  readonly tradeHistory: readonly ReportTrade[];
  readonly journal: readonly JournalEntry[];
  readonly equityHistory: readonly EquityPoint[];
  readonly intradayCurve: ReportData['intradayCurve'];
  readonly costModel: CostModel;
}

const DAY_MS = 86_400_000;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function position(p: PositionReport, i: ReportInput): ReportPosition {
  const cov = coverageOf(p, i.openOrders);
  const stops = cov.orders.map((o) => o.stopPrice).filter((x): x is number => x !== null);
  const targets = cov.orders
    .filter((o) => o.shape === 'oco' || o.shape === 'limit')
    .map((o) => o.limitPrice)
    .filter((x): x is number => x !== null);
  const lot = i.ledger.open.get(p.symbol);
  const entry = strategyAt(i.journal, p.symbol, lot?.tsOpened ?? i.tsNow);
  const tsOpened = lot?.tsOpened ?? entry.ts;
  const dayStopExpired = expiredDayStop({
    symbol: p.symbol,
    qty: p.qty,
    coverage: cov,
    marketOpen: i.marketOpen,
    tsOpened,
    journal: i.journal,
  });
  return {
    symbol: p.symbol,
    qty: p.qty,
    avgEntryPrice: p.avgEntryPrice,
    currentPrice: p.currentPrice,
    marketValue: cents(p.marketValue),
    costBasis: cents(p.costBasis),
    unrealizedPl: cents(p.unrealizedPl),
    unrealizedPlPct: p.unrealizedPlpc,
    protection: {
      state: cov.state,
      protectedQty: cov.protectedQty,
      stopPrice: stops.length > 0 ? Math.max(...stops) : null,
      targetPrice: targets.length > 0 ? Math.min(...targets) : null,
      orders: cov.orders.length,
      dayStopExpired,
    },
    openedAt: tsOpened === null ? null : nyIso(tsOpened),
    ageDays: tsOpened === null ? null : Math.max(0, (i.tsNow - tsOpened) / DAY_MS),
    strategy: entry.strategy,
  };
}

/**
 * A fractional remainder's DAY stop placed again on a later session for the same entry: the one before it
 * expired at a close, and the daemon re-armed it at the open.
 */
export function isRearmedStop(e: JournalEntry, journal: readonly JournalEntry[]): boolean {
  if (e.action !== 'protection_placed' || e.data?.role !== 'stop') return false;
  const day = nyDate(e.ts);
  return journal.some(
    (p) =>
      p.action === 'protection_placed' &&
      p.data?.role === 'stop' &&
      p.symbol === e.symbol &&
      p.data.entryOrderId === e.data?.entryOrderId &&
      nyDate(p.ts) < day,
  );
}

/** The protective order and why it was placed, from the daemon's journal entry (role: oco|stop; cause: fill|audit|...). */
export function protectionLabel(role: unknown, cause: unknown, rearmed = false): string {
  const order = role === 'oco' ? 'OCO' : role === 'stop' ? 'DAY stop' : 'order';
  if (rearmed) return `${order}, re-armed at the open`;
  if (cause === 'fill') return order;
  return cause === 'audit' ? `${order}, audit repair` : `${order}, re-placed`;
}

function protections(i: ReportInput): ReportProtection[] {
  return i.journal
    .filter((e) => e.actor === 'stream' && e.action === 'protection_placed' && e.ts >= i.dayStart)
    .map((e) => ({
      symbol: e.symbol ?? '?',
      what: protectionLabel(e.data?.role, e.data?.cause, isRearmedStop(e, i.journal)),
      at: nyIso(e.ts),
      qty: num(e.data?.qty),
      entryPrice: num(e.data?.entryPrice),
      stopPrice: num(e.data?.stopPrice),
      takeProfitPrice: num(e.data?.takeProfitPrice),
      latencySentMs: num(e.data?.latencySentMs),
      latencyAckMs: num(e.data?.latencyAckMs),
    }));
}

function metrics(i: ReportInput): ReportMetrics {
  const curve = i.equityHistory.map((p) => p.equity);
  const first = curve[0];
  const last = curve[curve.length - 1];
  const returns = periodReturns(curve);
  return {
    equity: {
      points: curve.length,
      from: i.equityHistory[0]?.date ?? null,
      to: i.equityHistory[i.equityHistory.length - 1]?.date ?? null,
      totalReturn:
        first !== undefined && last !== undefined && first > 0 && curve.length > 1
          ? last / first - 1
          : null,
      sharpe: sharpeRatio(returns),
      sortino: sortinoRatio(returns),
      // Annualising one day's change says nothing: like Sharpe, Calmar needs two returns at least.
      calmar: returns.length >= 2 ? calmarRatio(curve) : null,
      maxDrawdown: maxDrawdown(curve),
    },
    trades: tradeStats(i.tradeHistory),
    costModel: {
      slippageBps: i.costModel.slippageBps,
      commissionPerShare: i.costModel.commissionPerShare,
    },
  };
}

export function buildReport(i: ReportInput): ReportData {
  const a = i.account;
  const positions = [...i.positions]
    .sort((x, y) => x.symbol.localeCompare(y.symbol))
    .map((p) => position(p, i));
  const closedTrades = i.trades.filter((t) => Date.parse(t.filledAt) >= i.dayStart);
  return {
    generatedAt: nyIso(i.tsNow),
    day: i.day,
    tradingDay: i.tradingDay,
    account: {
      equity: cents(a.equity),
      cash: cents(a.cash),
      lastEquity: cents(a.lastEquity),
      buyingPower: cents(a.buyingPower),
      longMarketValue: cents(a.longMarketValue),
      dayPl: cents(a.equity - a.lastEquity),
      dayPlPct: a.lastEquity > 0 ? (a.equity - a.lastEquity) / a.lastEquity : null,
    },
    positions,
    totals: {
      positions: positions.length,
      marketValue: cents(i.positions.reduce((s, p) => s + p.marketValue, 0)),
      unrealizedPl: cents(i.positions.reduce((s, p) => s + p.unrealizedPl, 0)),
      unprotected: positions.filter(
        (p) =>
          !p.protection.dayStopExpired &&
          (p.protection.state === 'UNPROTECTED' || p.protection.state === 'partial'),
      ).length,
    },
    closedTrades,
    realizedPl: cents(closedTrades.reduce((s, t) => s + (t.realizedPl ?? 0), 0)),
    protections: protections(i),
    metrics: metrics(i),
    equityCurve: i.equityHistory,
    intradayCurve: i.intradayCurve,
  };
}
