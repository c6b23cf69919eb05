/**
 * @module The state a signal log carries. IN_TRADE: the entry signal fired at the last close and the backtest
 * was flat, so it enters at the next open. WATCH: a backtest position from an earlier signal is still open, or
 * a signal fired in the last 3 sessions. FLAT: neither.
 */
import type { BacktestResult } from '../backtest/trade.ts';

export const SIGNAL_STATES = ['IN_TRADE', 'WATCH', 'FLAT'] as const;
export type SignalState = (typeof SIGNAL_STATES)[number];

/** A signal this recent (sessions, the last close included) keeps a flat ticker on WATCH. */
export const WATCH_SESSIONS = 3;

export function signalState(signals: Uint8Array, result: BacktestResult): SignalState {
  if (result.pending) return 'IN_TRADE';
  if (result.open !== null) return 'WATCH';
  for (let i = Math.max(0, signals.length - WATCH_SESSIONS); i < signals.length; i += 1)
    if (signals[i] === 1) return 'WATCH';
  return 'FLAT';
}

/** Index of the last signal, or -1. */
export function lastSignalIndex(signals: Uint8Array): number {
  for (let i = signals.length - 1; i >= 0; i -= 1) if (signals[i] === 1) return i;
  return -1;
}
