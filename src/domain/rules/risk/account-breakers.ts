/**
 * @module The account breakers, pure: daily loss and the daily-drawdown kill (equity against the last close),
 * drawdown (against the persisted high-water mark) and rapid loss (against the highest equity of the window).
 */
import {
  ACCOUNT_SCOPE,
  pct,
  type BreakerTrip,
  type Measurement,
  type RiskLimits,
} from './breaker.ts';

/** One equity reading: positions at live prices plus cash. */
export interface EquitySample {
  readonly ts: number;
  readonly equity: number;
}

export interface AccountInput {
  readonly now: number;
  readonly equity: number;
  /** Equity at the last session's close (Alpaca's last_equity). */
  readonly lastClose: number;
  /** The highest equity ever recorded, this reading included. */
  readonly highWater: number;
  /** Readings of the last rapid-loss window, this one included. */
  readonly window: readonly EquitySample[];
  /** When the current session ends (the daily-loss halt lasts until then). */
  readonly tsSessionEnd: number;
}

export interface Evaluation {
  readonly measurements: readonly Measurement[];
  readonly trips: readonly BreakerTrip[];
}

/** Loss as a positive fraction of `from`; 0 for a gain or when `from` is not positive. */
export const lossFraction = (from: number, to: number): number =>
  from > 0 ? Math.max(0, (from - to) / from) : 0;

/** The new high-water mark after a reading. */
export const nextHighWater = (highWater: number, equity: number): number =>
  Math.max(highWater, equity);

/** Readings kept for the rapid-loss window ending at `now` (the reading at its start included). */
export const trimWindow = (
  samples: readonly EquitySample[],
  now: number,
  windowMs: number,
): EquitySample[] => samples.filter((s) => s.ts >= now - windowMs && s.ts <= now);

export function accountBreakers(i: AccountInput, l: RiskLimits): Evaluation {
  const daily = lossFraction(i.lastClose, i.equity);
  const drawdown = lossFraction(i.highWater, i.equity);
  const peak = Math.max(i.equity, ...i.window.map((s) => s.equity));
  const rapid = lossFraction(peak, i.equity);
  const m = (name: Measurement['name'], value: number, limitPct: number): Measurement => ({
    name,
    scope: ACCOUNT_SCOPE,
    value,
    threshold: limitPct / 100,
    tripped: value > 0 && value >= limitPct / 100,
  });
  const measurements = [
    m('daily_loss', daily, l.dailyLossPct),
    m('drawdown', drawdown, l.drawdownPct),
    m('rapid_loss', rapid, l.rapidLossPct),
    m('daily_drawdown_kill', daily, l.killDailyDrawdownPct),
  ];
  const trip = (
    x: Measurement,
    action: BreakerTrip['action'],
    tsExpires: number | null,
    reason: string,
  ): BreakerTrip => ({
    name: x.name,
    scope: ACCOUNT_SCOPE,
    action,
    tsTriggered: i.now,
    tsExpires,
    reason,
    value: x.value,
    threshold: x.threshold,
    whileCondition: x.name === 'drawdown',
  });
  const [d, dd, r, k] = measurements as [Measurement, Measurement, Measurement, Measurement];
  const trips: BreakerTrip[] = [];
  if (d.tripped)
    trips.push(
      trip(
        d,
        'halt',
        i.tsSessionEnd,
        `equity ${pct(daily)} below the last close (limit ${l.dailyLossPct}%): halted for the rest of the session`,
      ),
    );
  if (dd.tripped)
    trips.push(
      trip(
        dd,
        'reduce',
        null,
        `equity ${pct(drawdown)} below its high-water mark (limit ${l.drawdownPct}%): new entries at ${l.drawdownScale * 100}% size`,
      ),
    );
  if (r.tripped)
    trips.push(
      trip(
        r,
        'halt',
        i.now + l.rapidLossPauseMs,
        `equity fell ${pct(rapid)} within ${l.rapidLossWindowMs / 60_000} minutes (limit ${l.rapidLossPct}%): entries paused ${l.rapidLossPauseMs / 60_000} minutes`,
      ),
    );
  if (k.tripped)
    trips.push(
      trip(
        k,
        'halt',
        null,
        `kill switch: daily drawdown ${pct(daily)} (limit ${l.killDailyDrawdownPct}%)`,
      ),
    );
  return { measurements, trips };
}
