/**
 * @module The scheduled corporate actions resolved against the market: session dates (declared 20 sessions before
 * a dividend's ex-date and 30 before a split's; record date = ex-date, as under T+1; a dividend is paid 10 sessions
 * after its ex-date, a split the session before it), the dividend's cash (its share of the raw close before the
 * ex-date, in cents) and stable ids.
 */
import { createHash } from 'node:crypto';
import type { SimAdjustment, SimCorporateAction } from '../contracts.ts';
import { multipliersFor, type IndexedAction } from './adjustments.ts';
import type { ActionSchedule, ScheduledAction } from './corporate-actions.ts';
import type { Timeline } from './timeline.ts';

const DECLARED_BEFORE = { dividend: 20, split: 30 } as const;
const DIVIDEND_PAID_AFTER = 10;

export interface MarketActionsDeps {
  readonly seed: number;
  readonly timeline: Timeline;
  scheduleOf(symbol: string): ActionSchedule;
  /** Raw close in cents of the session at a timeline index. */
  closeCents(symbol: string, index: number): number;
}

export interface MarketActions {
  /** Actions with an ex-date index in [from, to). */
  indexed(symbol: string, from: number, to: number): IndexedAction[];
  between(symbol: string, startDate: string, endDate: string): SimCorporateAction[];
  /** Multipliers for adjusting the session at an index, with the actions known at the session asOf. */
  multipliers(symbol: string, mode: SimAdjustment, asOf: number): ReturnType<typeof multipliersFor>;
}

function uuidOf(text: string): string {
  const h = createHash('sha1').update(text).digest('hex');
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function createMarketActions(deps: MarketActionsDeps): MarketActions {
  const { timeline } = deps;
  const dateAt = (index: number): string => {
    const clamped = Math.max(0, index);
    while (timeline.sessions.length <= clamped) {
      const before = timeline.sessions.length;
      timeline.ensureDate(
        `${Number(timeline.sessions.at(-1)?.date.slice(0, 4) ?? 2010) + 1}-01-01`,
      );
      // The timeline stops at its last year: an action past it has no date of its own.
      if (timeline.sessions.length === before) break;
    }
    return timeline.sessions[Math.min(clamped, timeline.sessions.length - 1)]?.date ?? '2010-01-04';
  };
  const resolve = (symbol: string, a: ScheduledAction): SimCorporateAction => {
    const exDate = dateAt(a.exIndex);
    const previousClose = a.exIndex > 0 ? deps.closeCents(symbol, a.exIndex - 1) / 100 : 0;
    return {
      id: uuidOf(`strikeline-sim-ca:${deps.seed}:${symbol}:${a.kind}:${exDate}`),
      kind: a.kind,
      symbol,
      declarationDate: dateAt(a.exIndex - DECLARED_BEFORE[a.kind]),
      exDate,
      recordDate: exDate,
      payableDate: dateAt(a.kind === 'split' ? a.exIndex - 1 : a.exIndex + DIVIDEND_PAID_AFTER),
      ratio: a.ratio,
      cash:
        a.kind === 'dividend'
          ? Math.max(0.01, Math.round(previousClose * a.fraction * 100) / 100)
          : 0,
      previousClose,
    };
  };
  const indexed = (symbol: string, from: number, to: number): IndexedAction[] =>
    deps
      .scheduleOf(symbol)
      .between(from, to)
      .map((a) => ({ exIndex: a.exIndex, action: resolve(symbol, a) }));
  return {
    indexed,
    between(symbol, startDate, endDate) {
      timeline.ensureDate(endDate);
      const from = timeline.lowerBoundDate(startDate);
      const to = timeline.lowerBoundDate(`${endDate}\u0000`);
      return indexed(symbol, from, to).map((x) => x.action);
    },
    multipliers: (symbol, mode, asOf) => multipliersFor(indexed(symbol, 0, asOf + 1), mode),
  };
}
