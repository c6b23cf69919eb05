/** @module The investment report as data: what every renderer (terminal, JSON, HTML, email, SMS) shows. Money in dollars, rounded to cents. */
import type { CoverageState } from '../ops/position-coverage.ts';
import type { WhyNoTrade } from './why-no-trade.ts';

export interface ReportPosition {
  readonly symbol: string;
  readonly qty: number;
  readonly avgEntryPrice: number;
  readonly currentPrice: number;
  readonly marketValue: number;
  readonly costBasis: number;
  readonly unrealizedPl: number;
  /** Fraction (0.0123 = 1.23%), as the broker reports it. */
  readonly unrealizedPlPct: number;
  readonly protection: {
    readonly state: CoverageState;
    readonly protectedQty: number;
    readonly stopPrice: number | null;
    readonly targetPrice: number | null;
    readonly orders: number;
  };
  readonly openedAt: string | null;
  readonly ageDays: number | null;
  readonly strategy: string | null;
}

export interface ReportTrade {
  readonly orderId: string;
  readonly symbol: string;
  readonly strategy: string | null;
  readonly qty: number;
  readonly entryPrice: number | null;
  readonly exitPrice: number;
  readonly realizedPl: number | null;
  /** Fraction of the entry cost; null without a known entry. */
  readonly realizedPlPct: number | null;
  /** The cost model's slippage + commission on both fills. */
  readonly modelCosts: number | null;
  readonly netPl: number | null;
  readonly filledAt: string;
}

export interface ReportProtection {
  readonly symbol: string;
  /** What was placed and why: `OCO`, `DAY stop` (a fill's fractional remainder), `DAY stop, re-armed` (at a session open), `..., audit repair`. */
  readonly what: string;
  readonly at: string;
  readonly qty: number | null;
  readonly entryPrice: number | null;
  readonly stopPrice: number | null;
  readonly takeProfitPrice: number | null;
  readonly latencySentMs: number | null;
  readonly latencyAckMs: number | null;
}

export interface TradeStats {
  readonly strategy: string;
  readonly trades: number;
  readonly winRate: number | null;
  readonly profitFactor: number | null;
  readonly grossPl: number;
  readonly modelCosts: number;
  readonly netPl: number;
}

export interface EquityPoint {
  readonly date: string;
  readonly equity: number;
  readonly cash: number | null;
}

export interface ReportMetrics {
  readonly equity: {
    readonly points: number;
    readonly from: string | null;
    readonly to: string | null;
    readonly totalReturn: number | null;
    readonly sharpe: number | null;
    readonly sortino: number | null;
    readonly calmar: number | null;
    readonly maxDrawdown: number;
  };
  readonly trades: { readonly overall: TradeStats; readonly byStrategy: readonly TradeStats[] };
  readonly costModel: { readonly slippageBps: number; readonly commissionPerShare: number };
}

export interface ReportData {
  readonly generatedAt: string;
  readonly day: string;
  readonly tradingDay: boolean;
  readonly account: {
    readonly equity: number;
    readonly cash: number;
    readonly lastEquity: number;
    readonly buyingPower: number;
    readonly longMarketValue: number;
    readonly dayPl: number;
    /** Fraction of last_equity. */
    readonly dayPlPct: number | null;
  };
  readonly positions: readonly ReportPosition[];
  readonly totals: {
    readonly positions: number;
    readonly marketValue: number;
    readonly unrealizedPl: number;
    readonly unprotected: number;
  };
  readonly closedTrades: readonly ReportTrade[];
  readonly realizedPl: number;
  readonly protections: readonly ReportProtection[];
  readonly metrics: ReportMetrics;
  readonly equityCurve: readonly EquityPoint[];
  /** The trade pipeline's funnel, rejections and pending signals (issue 14); absent when not gathered. */
  readonly whyNoTrade?: WhyNoTrade;
}
