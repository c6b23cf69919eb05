/**
 * @module `GET /v2/account/portfolio/history`: period (N D|W|M|A, counted in sessions: 1, 5, 21, 252 a unit),
 * timeframe (1Min, 5Min, 15Min, 1H, 1D; by default 1Min under 7 days, 15Min under 30, else 1D), start/end,
 * intraday_reporting, pnl_reset (per_day: intraday P/L from the previous close; no_reset: from the first point),
 * cashflow_types (DIV only: the dividends paid in each point's interval). Nothing before the account existed,
 * nothing after now.
 */
import type { Session } from '../contracts.ts';
import { readBoolean } from './decimal.ts';
import { invalid } from './http-error.ts';
import { nyDate, readTimeParam } from './new-york-time.ts';
import {
  equityAt,
  initialCashOf,
  pointsOf,
  stampOf,
  type HistoryTimeframe,
  type IntradayReporting,
} from './portfolio-history.ts';
import { ok, type RestRequest, type RestResult, type TradingDeps } from './rest-types.ts';

const UNIT_SESSIONS: Readonly<Record<string, number>> = { D: 1, W: 5, M: 21, A: 252 };
const TIMEFRAMES: readonly HistoryTimeframe[] = ['1Min', '5Min', '15Min', '1H', '1D'];

function period(raw: string | null): number | undefined {
  if (raw === null || raw === '') return undefined;
  const m = /^(\d+)([DWMA])$/.exec(raw);
  if (!m) throw invalid('invalid period: expected a number and D, W, M or A (e.g. 1M)');
  return Number(m[1]) * (UNIT_SESSIONS[m[2] ?? 'D'] ?? 1);
}

function time(req: RestRequest, name: string): number | undefined {
  const ts = readTimeParam(req.query.get(name));
  if (ts !== undefined && Number.isNaN(ts))
    throw invalid(`invalid ${name}: expected an RFC-3339 time`);
  return ts;
}

function reporting(req: RestRequest): IntradayReporting {
  const raw = req.query.get('intraday_reporting');
  if (raw === null || raw === '')
    return readBoolean(req.query.get('extended_hours'), 'extended_hours') === true
      ? 'extended_hours'
      : 'market_hours';
  if (raw === 'market_hours' || raw === 'extended_hours' || raw === 'continuous') return raw;
  throw invalid('invalid intraday_reporting: expected market_hours, extended_hours or continuous');
}

/**
 * The sessions the query covers, oldest first, none before the account existed: those touching [start, end]; or
 * `count` of them from start on; or the last `count` (21 by default) up to end.
 */
function sessionsOf(
  deps: TradingDeps,
  start: number | undefined,
  end: number,
  count: number | undefined,
): Session[] {
  const cal = deps.market.calendar;
  const from = Math.max(deps.createdAt, start ?? -Infinity);
  const out: Session[] = [];
  for (
    let s = cal.sessionAt(end) ?? cal.previousSessionBefore(end);
    s.tsClose > from;
    s = cal.previousSessionBefore(s.tsOpen)
  ) {
    out.unshift(s);
    if (start === undefined && out.length >= (count ?? 21)) break;
  }
  return start !== undefined && count !== undefined ? out.slice(0, count) : out;
}

function history(req: RestRequest, deps: TradingDeps): RestResult {
  const now = deps.exchange.now();
  const end = Math.min(time(req, 'end') ?? now, now);
  const start = time(req, 'start');
  const sessions = sessionsOf(deps, start, end, period(req.query.get('period')));
  const tfRaw = req.query.get('timeframe');
  const timeframe =
    tfRaw === null || tfRaw === ''
      ? sessions.length < 5
        ? '1Min'
        : sessions.length < 21
          ? '15Min'
          : '1D'
      : TIMEFRAMES.find((t) => t === tfRaw);
  if (timeframe === undefined)
    throw invalid('invalid timeframe: expected 1Min, 5Min, 15Min, 1H or 1D');
  const mode = reporting(req);
  const perDay = (req.query.get('pnl_reset') ?? 'per_day') !== 'no_reset';
  const cashflows = (req.query.get('cashflow_types') ?? 'NONE').toUpperCase();
  const activities = deps.exchange.activities();
  const initial = initialCashOf(deps.exchange.account().cash, activities);
  const equity = (ts: number): number =>
    equityAt(deps.exchange, initial, activities, Math.max(ts, deps.createdAt));
  const first = sessions[0];
  const baseTs =
    first === undefined
      ? end
      : Math.max(
          deps.createdAt,
          timeframe === '1D' || !perDay
            ? deps.market.calendar.previousSessionBefore(first.tsOpen).tsClose
            : first.tsOpen,
        );
  const base = equity(baseTs);
  const out = {
    timestamp: [] as number[],
    equity: [] as number[],
    profit_loss: [] as number[],
    profit_loss_pct: [] as number[],
    dividends: [] as number[],
  };
  let previous = baseTs;
  for (const session of sessions) {
    const dayBase =
      timeframe !== '1D' && perDay
        ? equity(deps.market.calendar.previousSessionBefore(session.tsOpen).tsClose)
        : base;
    // The day in progress has a daily point too: its equity now.
    const times =
      timeframe === '1D' ? [Math.min(session.tsClose, end)] : pointsOf(session, timeframe, mode);
    for (const ts of times) {
      if (ts > end || ts < deps.createdAt) continue;
      const value = equity(ts);
      out.timestamp.push(Math.floor(stampOf(session, timeframe, ts) / 1000));
      out.equity.push(round2(value));
      out.profit_loss.push(round2(value - dayBase));
      out.profit_loss_pct.push(dayBase === 0 ? 0 : round6((value - dayBase) / dayBase));
      out.dividends.push(
        round2(
          activities
            .filter((a) => a.kind === 'dividend' && a.ts > previous && a.ts <= ts)
            .reduce((s, a) => s + (a.kind === 'dividend' ? a.netAmount : 0), 0),
        ),
      );
      previous = ts;
    }
  }
  return ok({
    timestamp: out.timestamp,
    equity: out.equity,
    profit_loss: out.profit_loss,
    profit_loss_pct: out.profit_loss_pct,
    base_value: round2(base),
    base_value_asof: nyDate(baseTs),
    timeframe,
    cashflow: cashflows === 'NONE' ? {} : { DIV: out.dividends },
  });
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

export function portfolioRoutes(req: RestRequest, deps: TradingDeps): RestResult | undefined {
  if (req.method !== 'GET' || req.path !== '/v2/account/portfolio/history') return undefined;
  return history(req, deps);
}
