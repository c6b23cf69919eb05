/**
 * @module `GET /v3/clock` and `GET /v3/calendar/{market}`: the simulator's one exchange calendar, offered under the US
 * equity markets' names (NYSE/XNYS, NASDAQ/XNAS, IEX/IEXG). Phases: pre 04:00, core at the open, post from the
 * close to 20:00 New York, closed otherwise.
 */
import type { MarketCalendar, Session } from '../contracts.ts';
import { HttpError } from './http-error.ts';
import {
  nyDate,
  readDateParam,
  readTimeParam,
  rfc3339,
  rfc3339NewYork,
  addDays,
} from './new-york-time.ts';
import { nyEpoch } from '../market/ny-time.ts';
import { ok, type RestRequest, type RestResult, type TradingDeps } from './rest-types.ts';

const HOUR = 3_600_000;
const PRE_OPEN_MINUTES = 4 * 60;
const POST_CLOSE_MS = 4 * HOUR;

interface PublicMarket {
  readonly acronym: string;
  readonly mic: string;
  readonly name: string;
  readonly timezone: string;
}

const MARKETS: readonly PublicMarket[] = [
  { acronym: 'NYSE', mic: 'XNYS', name: 'New York Stock Exchange', timezone: 'America/New_York' },
  { acronym: 'NASDAQ', mic: 'XNAS', name: 'Nasdaq Stock Market', timezone: 'America/New_York' },
  { acronym: 'IEX', mic: 'IEXG', name: 'Investors Exchange', timezone: 'America/New_York' },
];

const badRequest = (message: string): HttpError => new HttpError(400, 40010000, message);

function marketOf(code: string): PublicMarket {
  const key = code.trim().toUpperCase();
  const market = MARKETS.find((m) => m.acronym === key || m.mic === key);
  if (!market)
    throw badRequest(
      `unsupported market: ${code} (the simulator has NYSE, NASDAQ and IEX, one calendar)`,
    );
  return market;
}

const preStart = (s: Session): number => nyEpoch(s.date, PRE_OPEN_MINUTES);

function clockOf(cal: MarketCalendar, market: PublicMarket, now: number): Record<string, unknown> {
  const today = cal.sessionOn(nyDate(now));
  const next = cal.nextSessionAfter(now);
  let phase = 'closed';
  let until = today && now < preStart(today) ? preStart(today) : preStart(next);
  if (today && now >= preStart(today) && now < today.tsClose + POST_CLOSE_MS) {
    if (now < today.tsOpen) [phase, until] = ['pre', today.tsOpen];
    else if (now < today.tsClose) [phase, until] = ['core', today.tsClose];
    else [phase, until] = ['post', today.tsClose + POST_CLOSE_MS];
  }
  return {
    market: { ...market },
    timestamp: rfc3339NewYork(now),
    is_market_day: today !== undefined,
    phase,
    phase_until: rfc3339NewYork(until),
    next_market_open: rfc3339NewYork(today && now < today.tsOpen ? today.tsOpen : next.tsOpen),
    next_market_close: rfc3339NewYork(today && now < today.tsClose ? today.tsClose : next.tsClose),
  };
}

function clock(req: RestRequest, deps: TradingDeps): RestResult {
  const rawTime = req.query.get('time');
  const time = readTimeParam(rawTime);
  if (time !== undefined && Number.isNaN(time)) throw badRequest(`invalid time: ${rawTime ?? ''}`);
  const codes = (req.query.get('markets') ?? 'NYSE').split(',').filter((c) => c.trim() !== '');
  const cal = deps.market.calendar;
  return ok({ clocks: codes.map((c) => clockOf(cal, marketOf(c), time ?? deps.exchange.now())) });
}

function calendar(req: RestRequest, deps: TradingDeps, code: string): RestResult {
  const market = marketOf(decodeURIComponent(code));
  const utc = req.query.get('timezone');
  if (utc !== null && utc !== 'UTC') throw badRequest('timezone must be UTC when given');
  const start = readDateParam(req.query.get('start'));
  const end = readDateParam(req.query.get('end'));
  if ((req.query.get('start') && !start) || (req.query.get('end') && !end))
    throw badRequest('start and end are dates: YYYY-MM-DD');
  const from = start ?? nyDate(deps.exchange.now());
  const to = end ?? addDays(from, 7);
  const time = utc === 'UTC' ? rfc3339 : rfc3339NewYork;
  const cal = deps.market.calendar;
  const days = to < from ? [] : cal.sessionsBetween(from, to);
  return ok({
    market: { ...market },
    calendar: days.map((s) => ({
      date: s.date,
      pre_start: time(preStart(s)),
      pre_end: time(s.tsOpen),
      core_start: time(s.tsOpen),
      core_end: time(s.tsClose),
      post_start: time(s.tsClose),
      post_end: time(s.tsClose + POST_CLOSE_MS),
      settlement_date: cal.nextSessionAfter(s.tsClose).date,
    })),
  });
}

/** Handles `/v3/clock` and `/v3/calendar/{market}`, else undefined. */
export function clockV3Routes(req: RestRequest, deps: TradingDeps): RestResult | undefined {
  if (req.method !== 'GET') return undefined;
  if (req.path === '/v3/clock') return clock(req, deps);
  const m = /^\/v3\/calendar\/([^/]+)$/.exec(req.path);
  return m?.[1] === undefined ? undefined : calendar(req, deps, m[1]);
}
