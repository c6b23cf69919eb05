/**
 * @module Synthetic, seeded news consistent with the market: a story when a listed symbol closes 3 % or more away
 * from its previous close (after that close), and one when a split or a dividend is declared (08:30 New York on its
 * declaration date). Each has a stable id: the New York date, the symbol's place in the listing and the kind.
 */
import type { SimCorporateAction, SyntheticMarket } from '../../contracts.ts';
import { addDays, nyEpoch } from '../../market/ny-time.ts';

const MOVE = 0.03;
const KINDS = { move: 1, dividend: 2, split: 3 } as const;

export interface NewsItem {
  readonly id: number;
  readonly ts: number;
  readonly symbol: string;
  readonly headline: string;
  readonly summary: string;
  readonly content: string;
}

const idOf = (date: string, listedIndex: number, kind: number): number =>
  Number(date.replaceAll('-', '')) * 100_000 + listedIndex * 10 + kind;
const money = (x: number): string => `$${x.toFixed(2)}`;

function actionStory(a: SimCorporateAction, listedIndex: number): NewsItem {
  const headline =
    a.kind === 'dividend'
      ? `${a.symbol} declares quarterly dividend of ${money(a.cash)} per share`
      : `${a.symbol} announces ${a.ratio}-for-1 stock split`;
  const summary =
    a.kind === 'dividend'
      ? `Payable ${a.payableDate} to holders of record on ${a.recordDate}; the shares trade ex-dividend from ${a.exDate}.`
      : `Holders receive ${a.ratio - 1} additional share(s) for each share held; the shares trade split-adjusted from ${a.exDate}.`;
  return {
    id: idOf(a.declarationDate, listedIndex, KINDS[a.kind]),
    ts: nyEpoch(a.declarationDate, 8 * 60 + 30),
    symbol: a.symbol,
    headline,
    summary,
    content: `<p>${headline}. ${summary}</p>`,
  };
}

/** The stories of one listed symbol on the sessions dated within [startDate, endDate]. */
export function newsOf(
  market: SyntheticMarket,
  symbol: string,
  listedIndex: number,
  startDate: string,
  endDate: string,
): NewsItem[] {
  const out: NewsItem[] = [];
  const bars = market.dailyBars(symbol, startDate, endDate);
  const sessions = market.calendar.sessionsBetween(startDate, endDate);
  const first = sessions[0]?.date ?? startDate;
  const before = market.dailyBars(symbol, addDays(first, -14), addDays(first, -1)).at(-1);
  let previousClose = sessions[0] !== undefined && before !== undefined ? before.c : undefined;
  const actions = market.corporateActions(symbol, startDate, addDays(endDate, 60));
  const splits = new Map(actions.filter((a) => a.kind === 'split').map((a) => [a.exDate, a.ratio]));
  sessions.forEach((session, i) => {
    const bar = bars[i];
    if (!bar) return;
    // A split is not a move: the previous close is compared per new share.
    if (previousClose !== undefined) previousClose /= splits.get(session.date) ?? 1;
    if (previousClose !== undefined && Math.abs(bar.c / previousClose - 1) >= MOVE) {
      const change = (bar.c / previousClose - 1) * 100;
      const headline = `${symbol} shares ${change > 0 ? 'rise' : 'fall'} ${Math.abs(change).toFixed(1)}% to ${money(bar.c)}`;
      const summary = `${symbol} closed at ${money(bar.c)} on ${session.date}, ${change > 0 ? 'up' : 'down'} from ${money(previousClose)}, on ${bar.v.toLocaleString('en-US')} shares.`;
      out.push({
        id: idOf(session.date, listedIndex, KINDS.move),
        ts: session.tsClose + 5 * 60_000,
        symbol,
        headline,
        summary,
        content: `<p>${summary}</p>`,
      });
    }
    previousClose = bar.c;
  });
  for (const a of actions) {
    if (a.declarationDate >= startDate && a.declarationDate <= endDate)
      out.push(actionStory(a, listedIndex));
  }
  return out;
}
