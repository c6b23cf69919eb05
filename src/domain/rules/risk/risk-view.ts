/**
 * @module What the risk authority says, pure: the account state (HALTED > REDUCING > ACTIVE), the size scalar,
 * one line per breaker (the `strikeline risk --json` contract) and the verdict on one entry.
 */
import {
  ACCOUNT_SCOPE,
  BREAKER_NAMES,
  KILL_CONDITIONS,
  type BreakerName,
  type BreakerTrip,
} from './breaker.ts';
import type { RiskBook } from './risk-book.ts';

export type AccountState = 'ACTIVE' | 'REDUCING' | 'HALTED';

export interface BreakerLine {
  readonly name: BreakerName;
  readonly scope: string;
  readonly tripped: boolean;
  readonly since: string | null;
  readonly until: string | null;
  readonly reason: string;
  readonly value: number | null;
  readonly threshold: number | null;
}

export interface RiskView {
  readonly state: AccountState;
  readonly size_scalar: number;
  readonly breakers: readonly BreakerLine[];
  readonly equity: {
    readonly current: number;
    readonly last_close: number;
    readonly high_water: number;
  };
}

/** The manual switches: the HALT file or TRADING_DISABLED, with why. */
export type ManualHalt = { readonly reason: string; readonly tsSince: number | null } | null;

const iso = (ts: number | null): string | null => (ts === null ? null : new Date(ts).toISOString());

/** Trips still in force at `now` (expiry is exclusive: a trip ending at `now` is over). */
export const activeTrips = (book: RiskBook, now: number): BreakerTrip[] =>
  book.trips.filter((t) => t.tsExpires === null || t.tsExpires > now);

function lineOf(t: BreakerTrip): BreakerLine {
  return {
    name: t.name,
    scope: t.scope,
    tripped: true,
    since: iso(t.tsTriggered),
    until: iso(t.tsExpires),
    reason: t.reason,
    value: t.value,
    threshold: t.threshold,
  };
}

function idleLine(book: RiskBook, name: BreakerName): BreakerLine {
  const ms = book.measurements.filter((m) => m.name === name);
  const worst = ms.reduce<(typeof ms)[number] | undefined>(
    (w, m) =>
      w === undefined || (m.value ?? 0) / m.threshold > (w.value ?? 0) / w.threshold ? m : w,
    undefined,
  );
  return {
    name,
    scope: worst?.scope ?? ACCOUNT_SCOPE,
    tripped: false,
    since: null,
    until: null,
    reason: worst === undefined ? 'not measured yet' : 'within its limit',
    value: worst?.value ?? null,
    threshold: worst?.threshold ?? null,
  };
}

export function riskView(
  book: RiskBook,
  now: number,
  drawdownScale: number,
  manual: ManualHalt,
): RiskView {
  const trips = activeTrips(book, now);
  const lines = BREAKER_NAMES.flatMap((name): BreakerLine[] => {
    if (name === 'manual')
      return [
        manual === null
          ? {
              name,
              scope: ACCOUNT_SCOPE,
              tripped: false,
              since: null,
              until: null,
              reason: 'no HALT file, TRADING_DISABLED not set',
              value: null,
              threshold: null,
            }
          : {
              name,
              scope: ACCOUNT_SCOPE,
              tripped: true,
              since: iso(manual.tsSince),
              until: null,
              reason: manual.reason,
              value: null,
              threshold: null,
            },
      ];
    const mine = trips.filter((t) => t.name === name);
    return mine.length > 0 ? mine.map(lineOf) : [idleLine(book, name)];
  });
  const halted = manual !== null || trips.some((t) => t.action === 'halt');
  const reducing = trips.some((t) => t.action === 'reduce');
  const e = book.equity;
  return {
    state: halted ? 'HALTED' : reducing ? 'REDUCING' : 'ACTIVE',
    size_scalar: halted ? 0 : reducing ? drawdownScale : 1,
    breakers: lines,
    equity: {
      current: e?.current ?? 0,
      last_close: e?.lastClose ?? 0,
      high_water: e?.highWater ?? 0,
    },
  };
}

export type EntryVerdict =
  | { readonly kind: 'go'; readonly scalar: 1 }
  | {
      readonly kind: 'scale';
      readonly scalar: number;
      readonly breaker: BreakerName;
      readonly reason: string;
    }
  | { readonly kind: 'stop'; readonly breaker: BreakerName; readonly reason: string };

/** The authority chain for one entry: kill switch > account breakers > the strategy's own > drawdown scaling. */
export function entryVerdict(view: RiskView, strategy: string): EntryVerdict {
  const on = view.breakers.filter((b) => b.tripped);
  const account = on.filter((b) => b.scope === ACCOUNT_SCOPE && b.name !== 'drawdown');
  const halt =
    account.find((b) => b.name === 'manual') ??
    account.find((b) => KILL_CONDITIONS.has(b.name)) ??
    account[0];
  if (halt !== undefined)
    return { kind: 'stop', breaker: halt.name, reason: `${halt.name}: ${halt.reason}` };
  const own = on.find((b) => b.scope === strategy);
  if (own !== undefined)
    return { kind: 'stop', breaker: own.name, reason: `${own.name}: ${own.reason}` };
  const drawdown = on.find((b) => b.name === 'drawdown');
  if (drawdown !== undefined && view.size_scalar < 1)
    return {
      kind: 'scale',
      scalar: view.size_scalar,
      breaker: 'drawdown',
      reason: `drawdown: ${drawdown.reason}`,
    };
  return { kind: 'go', scalar: 1 };
}
