/**
 * @module What `strikeline trade` checks before it plans: the kill switch, the broker's calendar
 * (closed day: nothing to do), and the daily-loss breaker, which halts as seed 001 says (HALT file
 * with the reason, every pending order cancelled, journaled, alerted).
 */
import type { FileKillSwitch } from '../../adapters/killswitch/file-kill-switch.ts';
import type { AccountReport, ClockReport } from '../../domain/account.ts';
import type { Broker, Logger, Mailer } from '../../domain/ports.ts';
import type { Store } from '../../domain/store.ts';
import { readSafety } from '../../records/safety-state.ts';
import { dailyLoss } from '../../domain/rules/daily-loss.ts';
import { nyDate, nyDateTime } from '../../domain/time/ny-dates.ts';
import { usd } from '../format/text-table.ts';

/** Why the trader stops before planning. */
export type Stop =
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'closed'; readonly message: string }
  | {
      readonly kind: 'breaker';
      readonly message: string;
      readonly cancelled: number;
      readonly dryRun: boolean;
    };

export interface Session {
  readonly kind: 'session';
  readonly day: string;
  readonly clock: ClockReport;
}

/** The kill switch as the trader uses it: read it, and engage it when the breaker trips. */
export type HaltSwitch = Pick<FileKillSwitch, 'path' | 'tradingDisabled' | 'read' | 'engage'>;

/** Refusals that need no broker: the HALT file and TRADING_DISABLED. */
export function killSwitchGate(ks: HaltSwitch): Stop | undefined {
  const halt = ks.read();
  if (halt !== undefined)
    return {
      kind: 'refused',
      message: `trading is halted: ${ks.path} exists (${halt.reason}, by ${halt.who} at ${halt.ts}); nothing was sent. Remove it with: strikeline resume --ack "reason"`,
    };
  if (ks.tradingDisabled)
    return {
      kind: 'refused',
      message: 'trading is disabled: TRADING_DISABLED is set in the environment; nothing was sent',
    };
  return undefined;
}

/** Safety mode (seed 000 SOP: a stream down too long): the daemon recorded it in the store; nothing opens until it ends. */
export function safetyGate(store: Store): Stop | undefined {
  const safety = readSafety(store);
  if (safety?.active !== true) return undefined;
  return {
    kind: 'refused',
    message: `the daemon is in safety mode since ${new Date(safety.tsEntered).toISOString()} (${safety.feed} stream: ${safety.reason}); nothing was sent until its streams are stable again`,
  };
}

/** Today's session from the broker's calendar; closed when today is absent or its session is over. */
export async function sessionGate(broker: Broker): Promise<Stop | Session> {
  const clock = await broker.getClock();
  const day = nyDate(clock.tsNow);
  const session = (await broker.getCalendar(day, day)).find((d) => d.date === day);
  if (session === undefined)
    return {
      kind: 'closed',
      message: `market closed today (${day} is not a trading day): nothing to do`,
    };
  if (clock.tsNow >= session.tsClose)
    return {
      kind: 'closed',
      message: `market closed today (the ${day} session ended at ${nyDateTime(session.tsClose).slice(11)} New York time): nothing to do`,
    };
  return { kind: 'session', day, clock };
}

export interface BreakerDeps {
  readonly broker: Broker;
  readonly store: () => Store;
  readonly mailer: () => Mailer;
  readonly log: Logger;
  readonly killSwitch: HaltSwitch;
  readonly dailyLossPct: number;
  readonly dryRun: boolean;
  readonly now: () => number;
}

/** Trips the daily-loss breaker when equity fell daily_loss_pct or more below last_equity. */
export async function breakerGate(
  account: AccountReport,
  d: BreakerDeps,
): Promise<Stop | undefined> {
  const loss = dailyLoss(account.equity, account.lastEquity, d.dailyLossPct);
  if (!loss.tripped) return undefined;
  const reason = `daily-loss breaker: equity ${usd(account.equity)} is ${(loss.change * 100).toFixed(2)}% vs last_equity ${usd(account.lastEquity)} (limit -${d.dailyLossPct}%)`;
  if (d.dryRun)
    return {
      kind: 'breaker',
      message: `${reason}; dry run: would halt trading and cancel every pending order`,
      cancelled: 0,
      dryRun: true,
    };
  const ts = d.now();
  d.killSwitch.engage(reason);
  const pending = await d.broker.listOrders({ status: 'open', limit: 500 });
  await d.broker.cancelAllOrders();
  await d.store().journal.append({
    ts,
    actor: 'trade',
    action: 'halt',
    reason,
    data: {
      equity: account.equity,
      lastEquity: account.lastEquity,
      change: loss.change,
      cancelledOrders: pending.length,
    },
  });
  d.log.error(
    {
      equity: account.equity,
      lastEquity: account.lastEquity,
      change: loss.change,
      cancelled: pending.length,
    },
    'daily-loss breaker tripped: trading halted',
  );
  const message = `${reason}: trading halted (${d.killSwitch.path} created), ${pending.length} pending orders cancelled`;
  await d.mailer().alert({
    severity: 'critical',
    subject: 'Trading halted: daily-loss breaker',
    short: `strikeline HALT: equity ${(loss.change * 100).toFixed(2)}% vs yesterday; ${pending.length} orders cancelled`,
    text: `${message}.\nNo new position opens until the HALT file is removed (strikeline resume --ack "...").`,
  });
  return { kind: 'breaker', message, cancelled: pending.length, dryRun: false };
}
