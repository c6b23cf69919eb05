/**
 * @module The walk-forward backtest of one strategy on one symbol, with the daemon's own exit rules.
 * A signal at the close of day d fills at the open of d + 1 (slippage against us, commission per share).
 * Each later day, in this order: a gap through the stop (or target) fills at the open; the day's low touching
 * the stop exits at the stop (checked before the target: conservative when both are touched); the high touching
 * the target exits at the target; then the high is folded into the high-water mark and the soft exits
 * (break-even, trailing, time stop) are evaluated on the close and fill at the close, then the strategy's own exit
 * rule (strategy-exit-series.ts) on the same close. Under the ATR catastrophe stop the stop is E - multiple x
 * ATR(14) of the signal's close (the daemon's: the sessions before the entry day). One position at a time;
 * a signal while in a position is ignored. Every decision on day d reads bars 0..d only.
 */
import { executionPrice, type CostModel } from '../../domain/rules/costs.ts';
import {
  applyTradePrice,
  evaluateSoftExit,
  openExitState,
  protectiveStopPrice,
  takeProfitPrice,
  type ExitRuleOptions,
  type ExitState,
} from '../../domain/rules/exit-rules.ts';
import { strategyExitLabel } from '../../domain/rules/strategy-exits/strategy-exit-rules.ts';
import { atr } from '../indicators/atr.ts';
import type { Series } from '../series.ts';
import type { StrategyExitAt } from './strategy-exit-series.ts';
import type { BacktestResult, ExitReason, OpenPosition, Trade } from './trade.ts';
import { outputArray } from '../indicators/output-array.ts';

export interface BacktestOptions {
  readonly exits: ExitRuleOptions;
  readonly costs: CostModel;
  /** Dollars per trade (fixed size, no compounding). */
  readonly notional: number;
}

const DAY_MS = 86_400_000;
/** Session open and close as offsets from midnight: only differences matter (the time stop's 7 calendar days). */
const OPEN_MS = 9.5 * 3_600_000;
const CLOSE_MS = 16 * 3_600_000;

interface Position {
  readonly entryIndex: number;
  readonly rawEntry: number;
  readonly entryPrice: number;
  readonly shares: number;
  readonly stop: number;
  readonly target: number;
  state: ExitState;
}

interface Exit {
  readonly raw: number;
  readonly reason: ExitReason;
}

function exitOf(
  p: Position,
  s: Series,
  i: number,
  o: BacktestOptions,
  exitAt: StrategyExitAt | null,
): Exit | null {
  const open = s.open[i] as number;
  if (i > p.entryIndex) {
    if (open <= p.stop) return { raw: open, reason: 'stop_loss' };
    if (open >= p.target) return { raw: open, reason: 'take_profit' };
  }
  if ((s.low[i] as number) <= p.stop) return { raw: p.stop, reason: 'stop_loss' };
  if ((s.high[i] as number) >= p.target) return { raw: p.target, reason: 'take_profit' };
  p.state = applyTradePrice(p.state, s.high[i] as number);
  const close = s.close[i] as number;
  const soft = evaluateSoftExit(p.state, close, (s.days[i] as number) * DAY_MS + CLOSE_MS, o.exits);
  if (soft !== null) return { raw: close, reason: soft.rule };
  const own = exitAt?.(i, p.entryIndex) ?? null;
  return own === null ? null : { raw: close, reason: strategyExitLabel(own.rule) };
}

function enter(s: Series, i: number, o: BacktestOptions, atrs: Float64Array | null): Position {
  const rawEntry = s.open[i] as number;
  const entryPrice = executionPrice(rawEntry, 'buy', o.costs);
  return {
    entryIndex: i,
    rawEntry,
    entryPrice,
    shares: o.notional / entryPrice,
    stop: protectiveStopPrice(
      entryPrice,
      i > 0 && atrs !== null ? atrOrNull(atrs[i - 1]) : null,
      o.exits,
    ),
    target: takeProfitPrice(entryPrice, o.exits),
    state: openExitState(entryPrice, (s.days[i] as number) * DAY_MS + OPEN_MS),
  };
}

const atrOrNull = (v: number | undefined): number | null =>
  v === undefined || Number.isNaN(v) ? null : v;

function close(p: Position, s: Series, i: number, exit: Exit, o: BacktestOptions): Trade {
  const exitPrice = executionPrice(exit.raw, 'sell', o.costs);
  const commission = 2 * p.shares * o.costs.commissionPerShare;
  const pnl = (exitPrice - p.entryPrice) * p.shares - commission;
  return {
    entryIndex: p.entryIndex,
    exitIndex: i,
    entryDate: s.dates[p.entryIndex] as string,
    exitDate: s.dates[i] as string,
    entryPrice: p.entryPrice,
    exitPrice,
    shares: p.shares,
    reason: exit.reason,
    pnl,
    returnPct: (pnl / (p.entryPrice * p.shares)) * 100,
    grossReturnPct: (exit.raw / p.rawEntry - 1) * 100,
  };
}

function openPosition(p: Position, s: Series): OpenPosition {
  return {
    entryIndex: p.entryIndex,
    entryDate: s.dates[p.entryIndex] as string,
    entryPrice: p.entryPrice,
    shares: p.shares,
    highWater: p.state.highWater,
    stop: p.stop,
    target: p.target,
  };
}

/** `exitAt`: the strategy's own exit rule over this series, or null (the shared rules only). */
export function backtest(
  s: Series,
  signals: Uint8Array,
  o: BacktestOptions,
  exitAt: StrategyExitAt | null = null,
): BacktestResult {
  const n = s.close.length;
  const atrs = o.exits.catastrophe?.mode === 'atr' ? atr(s.high, s.low, s.close, 14) : null;
  const trades: Trade[] = [];
  const equity = outputArray(n);
  let realised = 0;
  let pos: Position | null = null;
  let pending = false;
  for (let i = 0; i < n; i += 1) {
    if (pending) {
      pos = enter(s, i, o, atrs);
      realised -= pos.shares * o.costs.commissionPerShare;
      pending = false;
    }
    if (pos !== null) {
      const exit = exitOf(pos, s, i, o, exitAt);
      if (exit !== null) {
        const trade = close(pos, s, i, exit, o);
        trades.push(trade);
        // The entry commission was booked at entry; book the rest of the trade's P/L now.
        realised += trade.pnl + pos.shares * o.costs.commissionPerShare;
        pos = null;
      }
    }
    equity[i] =
      o.notional +
      realised +
      (pos === null ? 0 : ((s.close[i] as number) - pos.entryPrice) * pos.shares);
    if (pos === null && signals[i] === 1) pending = true;
  }
  return { trades, open: pos === null ? null : openPosition(pos, s), pending, equity };
}
