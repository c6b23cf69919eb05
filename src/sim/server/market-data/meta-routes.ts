/**
 * @module `/v2/stocks/meta/exchanges` and `/v2/stocks/meta/conditions/{ticktype}`: the exchange codes of US
 * equities and the sale and quote conditions the simulator's trades, quotes and auctions use.
 */
import type { DataCtx } from './data-context.ts';
import { invalidParam } from './params.ts';

/** Exchange codes of US equity market centers, as in Alpaca's SIP data. */
const EXCHANGES: Readonly<Record<string, string>> = {
  A: 'NYSE American (AMEX)',
  B: 'NASDAQ OMX BX',
  C: 'National Stock Exchange',
  D: 'FINRA ADF',
  E: 'Market Independent',
  H: 'MIAX',
  I: 'International Securities Exchange',
  J: 'Cboe EDGA',
  K: 'Cboe EDGX',
  L: 'Long Term Stock Exchange',
  M: 'Chicago Stock Exchange',
  N: 'New York Stock Exchange',
  P: 'NYSE Arca',
  Q: 'NASDAQ OMX',
  S: 'NASDAQ Small Cap',
  T: 'NASDAQ Int',
  U: 'Members Exchange',
  V: 'IEX',
  W: 'CBOE',
  X: 'NASDAQ OMX PSX',
  Y: 'Cboe BYX',
  Z: 'Cboe BZX',
};

/** The conditions the simulator emits, the same on the three tapes. */
const TRADE_CONDITIONS: Readonly<Record<string, string>> = {
  '@': 'Regular Sale',
  O: 'Opening Prints',
  Q: 'Market Center Official Open',
  '6': 'Closing Prints',
  M: 'Market Center Official Close',
  Z: 'Sold (Out of Sequence)',
};
const QUOTE_CONDITIONS: Readonly<Record<string, string>> = { R: 'Regular, Two-Sided Open' };

export const exchangesMeta = (): unknown => EXCHANGES;

export function conditionsMeta(ctx: DataCtx, ticktype: string): unknown {
  const tape = ctx.query.get('tape');
  if (tape === null || !['A', 'B', 'C'].includes(tape))
    throw invalidParam('tape is required: A, B or C');
  if (ticktype === 'trade') return TRADE_CONDITIONS;
  if (ticktype === 'quote') return QUOTE_CONDITIONS;
  throw invalidParam(`invalid ticktype: ${ticktype} (expected trade or quote)`);
}
