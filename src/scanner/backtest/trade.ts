/** @module What a backtest produces: closed trades, the position still open at the end, a pending entry. */
import type { SoftExitRule } from '../../domain/rules/exit-rules.ts';

export type ExitReason = 'stop_loss' | 'take_profit' | SoftExitRule;

export interface Trade {
  readonly entryIndex: number;
  readonly exitIndex: number;
  readonly entryDate: string;
  readonly exitDate: string;
  /** Fill prices, slippage included. */
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly shares: number;
  readonly reason: ExitReason;
  /** Net P/L in dollars after slippage and commissions. */
  readonly pnl: number;
  /** Net return on the entry's cost, in percent. */
  readonly returnPct: number;
  /** Return on the raw prices (open, stop, target, close) before any cost, in percent. */
  readonly grossReturnPct: number;
}

export interface OpenPosition {
  readonly entryIndex: number;
  readonly entryDate: string;
  readonly entryPrice: number;
  readonly shares: number;
  readonly highWater: number;
  readonly stop: number;
  readonly target: number;
}

export interface BacktestResult {
  readonly trades: readonly Trade[];
  /** The position still open after the last bar, if any. */
  readonly open: OpenPosition | null;
  /** True when the last close's signal found the book flat: the backtest enters at the next open. */
  readonly pending: boolean;
  /** Mark-to-market account equity at each close (starting capital = one trade's notional, fixed size). */
  readonly equity: Float64Array;
}
