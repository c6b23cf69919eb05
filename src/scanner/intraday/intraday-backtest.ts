/**
 * @module The intraday backtest of one strategy on one session, as the daemon would trade it: at most one entry a
 * session, decided on a bar's close and filled at the next bar's open, only before the entry cutoff (cutoff_min
 * before MARKET_CLOSE); then out at the stop or the target (both inside one bar: the stop, the worse case; a bar
 * opening beyond either fills at its open), else at the open of the first MARKET_CLOSE bar, where intraday
 * positions are closed; an entry whose next open is already past its stop or target is not taken. Costs:
 * slippage on both fills and a commission per share each way.
 */
import type { Bar } from '../../domain/account.ts';
import type { IntradaySession } from '../../domain/rules/intraday/intraday-session.ts';
import {
  decider,
  type IntradayParams,
  type IntradayStrategyName,
} from '../../domain/rules/intraday/intraday-signals.ts';

export interface IntradayCosts {
  readonly slippageBps: number;
  readonly commissionPerShare: number;
}

export interface IntradayWindow {
  /** MARKET_CLOSE's length (phases.closing_min): intraday positions are closed when it begins. */
  readonly closingMin: number;
  /** No entry filled in the last minutes before MARKET_CLOSE (intraday.entry_cutoff_min). */
  readonly entryCutoffMin: number;
}

export type IntradayExit = 'stop' | 'target' | 'market_close';

export interface IntradayTrade {
  readonly date: string;
  readonly tsEntry: number;
  readonly tsExit: number;
  /** Raw prices (the bar's open, the stop, the target) before slippage. */
  readonly entry: number;
  readonly exit: number;
  readonly reason: IntradayExit;
  readonly grossReturnPct: number;
  /** After slippage and commissions, on the entry's cost. */
  readonly netReturnPct: number;
  readonly why: string;
}

const MINUTE_MS = 60_000;

interface Held {
  readonly tsEntry: number;
  readonly entry: number;
  readonly stop: number;
  readonly target: number;
  readonly why: string;
}

function exitOf(
  bar: Bar,
  h: Held,
  tsClosing: number,
): { price: number; reason: IntradayExit } | null {
  if (bar.ts >= tsClosing) return { price: bar.open, reason: 'market_close' };
  if (bar.low <= h.stop) return { price: Math.min(bar.open, h.stop), reason: 'stop' };
  if (bar.high >= h.target) return { price: Math.max(bar.open, h.target), reason: 'target' };
  return null;
}

function closed(
  s: IntradaySession,
  h: Held,
  tsExit: number,
  exit: number,
  reason: IntradayExit,
  c: IntradayCosts,
): IntradayTrade {
  const slip = c.slippageBps / 10_000;
  const paid = h.entry * (1 + slip) + c.commissionPerShare;
  const got = exit * (1 - slip) - c.commissionPerShare;
  return {
    date: s.date,
    tsEntry: h.tsEntry,
    tsExit,
    entry: h.entry,
    exit,
    reason,
    why: h.why,
    grossReturnPct: ((exit - h.entry) / h.entry) * 100,
    netReturnPct: ((got - paid) / paid) * 100,
  };
}

export function backtestSession(
  name: IntradayStrategyName,
  s: IntradaySession,
  p: IntradayParams,
  w: IntradayWindow,
  c: IntradayCosts,
): IntradayTrade | null {
  const tsClosing = s.tsClose - w.closingMin * MINUTE_MS;
  const tsCutoff = tsClosing - w.entryCutoffMin * MINUTE_MS;
  const decide = decider(name, s, p);
  let held: Held | null = null;
  let pending: Omit<Held, 'tsEntry' | 'entry'> | null = null;
  for (let i = 0; i < s.bars.length; i += 1) {
    const bar = s.bars[i] as Bar;
    if (pending !== null) {
      if (bar.ts >= tsCutoff || bar.open <= pending.stop || bar.open >= pending.target) return null;
      held = { ...pending, tsEntry: bar.ts, entry: bar.open };
      pending = null;
    }
    if (held !== null) {
      const out = exitOf(bar, held, tsClosing);
      if (out !== null) return closed(s, held, bar.ts, out.price, out.reason, c);
      continue;
    }
    const e = decide(bar, i);
    if (e !== null && bar.ts + MINUTE_MS < tsCutoff) pending = e;
  }
  const last = s.bars[s.bars.length - 1];
  // The history ends inside the session (today, a data gap): out at the last close.
  return held === null || last === undefined
    ? null
    : closed(s, held, last.ts, last.close, 'market_close', c);
}
