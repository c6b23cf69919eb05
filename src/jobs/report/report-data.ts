/** @module The investment report as data: what every renderer (terminal, JSON, HTML, email, SMS) shows. Money in dollars, rounded to cents. */
import type { CoverageState } from '../ops/position-coverage.ts';
import type { ReportResearch } from './report-research.ts';
import type { ExitReason } from './exit-reason.ts';
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
    /** The fractional remainder's DAY stop expired at the close, as expected (the daemon re-arms it at the open). */
    readonly dayStopExpired: boolean;
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
  /** When the last sale filled: the exit time. */
  readonly filledAt: string;
  /** When the position was opened (its first buy); null when bought before the report's window. */
  readonly entryAt: string | null;
  /** From entry to the last sale, ms; null without a known entry. */
  readonly holdingMs: number | null;
  readonly exitReason: ExitReason;
  /** The daemon's own word (`time_stop`, a strategy's rule, who halted), else null. */
  readonly exitDetail: string | null;
  /** Broker orders the exit took (a whole-share OCO and a fractional DAY stop are 2 orders, 1 trade). */
  readonly legs: number;
  readonly legOrderIds: readonly string[];
  /** Part of the position is still held (a fraction sold at its target, the rest open). */
  readonly partial: boolean;
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
  /** The research's regime and summary (absent where the caller gave no research to read). */
  readonly research?: ReportResearch;
  /** The report day's equity from the broker's 5-minute portfolio history (New York `HH:MM`); empty on a closed day. */
  readonly intradayCurve: readonly { readonly date: string; readonly equity: number }[];
  /** The trade pipeline's funnel, rejections and pending signals (issue 14); absent when not gathered. */
  readonly whyNoTrade?: WhyNoTrade;
}
