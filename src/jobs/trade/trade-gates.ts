/**
 * @module What `strikeline trade` checks before it plans: the kill switch, safety mode and the broker's
 * calendar (closed day: nothing to do). The breakers come after, in risk-gate.ts.
 */
import type { ClockReport } from '../../domain/account.ts';
import type { Broker, HaltSwitch as FullHaltSwitch } from '../../domain/ports.ts';
import type { Store } from '../../domain/store.ts';
import { readSafety } from '../../records/safety-state.ts';
import { nyDate, nyDateTime } from '../../domain/time/ny-dates.ts';

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
  /** When today's session closes (epoch ms). */
  readonly tsClose: number;
}

/** The kill switch as the trader uses it: it reads it (the risk state, not HALT, records a breaker's trip). */
export type HaltSwitch = Pick<FullHaltSwitch, 'path' | 'tradingDisabled' | 'read'>;

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
  return { kind: 'session', day, clock, tsClose: session.tsClose };
}
