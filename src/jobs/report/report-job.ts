/**
 * @module `strikeline report`: reads the broker (account, positions, orders, calendar) and the store
 * (journal, equity and trade histories), records today's equity and closed trades, and builds the report.
 */
import { DEFAULT_COST_MODEL, type CostModel } from '../../domain/rules/costs.ts';
import { addDays, nyDate } from '../../domain/time/ny-time.ts';
import type { Broker, Logger } from '../../domain/ports.ts';
import type { Store } from '../../domain/store.ts';
import { buildReport } from './build-report.ts';
import { walkFills } from './fill-ledger.ts';
import { nyMidnight } from '../../domain/time/ny-dates.ts';
import type { EquityPoint, ReportData, ReportTrade } from './report-data.ts';
import { toReportTrade } from './report-trades.ts';
import type { ReportResearch } from './report-research.ts';
import { roundTrips } from './round-trips.ts';
import { intradayCurve } from './intraday-curve.ts';
import { whyNoTrade } from './why-no-trade.ts';

export const EQUITY_TABLE = 'equity';
export const TRADES_TABLE = 'trades';
/** How far back orders and journal entries are read to find entries of today's exits. */
export const LOOKBACK_DAYS = 45;
const DAY_MS = 86_400_000;

export interface ReportJobDeps {
  readonly broker: Broker;
  readonly store: Store;
  readonly log: Logger;
  readonly costModel?: CostModel;
  /** The research to show (regime and summary), read when the report is built. */
  readonly research?: () => ReportResearch;
}

export async function runReportJob(d: ReportJobDeps): Promise<ReportData> {
  const clock = await d.broker.getClock();
  const tsNow = clock.tsNow;
  const day = nyDate(tsNow);
  const sessions = await d.broker.getCalendar(addDays(day, -10), day);
  const today = sessions.find((s) => s.date === day);
  const previous = sessions.filter((s) => s.date < day).at(-1);
  const since = tsNow - LOOKBACK_DAYS * DAY_MS;
  const [account, positions, openOrders, closedOrders] = await Promise.all([
    d.broker.getAccount(),
    d.broker.listPositions(),
    d.broker.listOrders({ status: 'open', nested: true, limit: 500 }),
    d.broker.listOrders({ status: 'closed', nested: true, after: since, limit: 500 }),
  ]);
  const journal = d.store.journal.list(since);
  const dayStart = nyMidnight(day);
  const intraday =
    today === undefined
      ? []
      : await d.broker
          .getPortfolioHistory({ timeframe: '5Min', period: '1D' })
          .then((h) => intradayCurve(h, dayStart, { ts: tsNow, equity: account.equity }))
          .catch((e: unknown) => {
            // The chart is worth less than the report: the day's figures still go out without it.
            d.log.warn(
              { err: e instanceof Error ? e.message : String(e) },
              'intraday equity history not available',
            );
            return [];
          });
  const ledger = walkFills(closedOrders);
  const model = d.costModel ?? DEFAULT_COST_MODEL;
  const trades = roundTrips(ledger.sales).map((sales) => {
    const opened = sales[0]?.tsOpened ?? null;
    const held = opened !== null && ledger.open.get(sales[0]?.symbol ?? '')?.tsOpened === opened;
    return toReportTrade(sales, journal, model, held);
  });

  const tradeTable = d.store.table<ReportTrade>(TRADES_TABLE);
  for (const t of trades) {
    if (t.netPl === null) continue;
    await tradeTable.put(t.orderId, t);
    // A leg an older report stored as a trade of its own is now part of this one.
    for (const id of t.legOrderIds.slice(1))
      if (tradeTable.get(id) !== undefined) await tradeTable.remove(id);
  }
  const equityTable = d.store.table<EquityPoint>(EQUITY_TABLE);
  // last_equity is "equity as of the previous trading day at 16:00": that session's point when no report ran
  // then. After today's close a broker may already have rolled it to today, so it is not used then.
  const lastEquityIsPrevious = today === undefined || tsNow < today.tsClose;
  if (previous !== undefined && lastEquityIsPrevious && account.lastEquity > 0)
    await equityTable.putIfAbsent(previous.date, {
      date: previous.date,
      equity: account.lastEquity,
      cash: null,
    });
  // A closed day adds no point: its equity is the last session's, and a flat day would bias the ratios.
  if (today !== undefined)
    await equityTable.put(day, { date: day, equity: account.equity, cash: account.cash });
  const equityHistory = equityTable
    .entries()
    .map(([, v]) => v)
    .sort((a, b) => a.date.localeCompare(b.date));
  const tradeHistory = tradeTable.entries().map(([, v]) => v);
  d.log.info(
    {
      day,
      equity: account.equity,
      positions: positions.length,
      closedToday: trades.length,
      equityPoints: equityHistory.length,
    },
    'report data gathered',
  );

  const report = buildReport({
    tsNow,
    day,
    dayStart,
    tradingDay: today !== undefined,
    marketOpen: clock.isOpen,
    account,
    positions,
    openOrders,
    ledger,
    trades,
    tradeHistory,
    journal,
    equityHistory,
    intradayCurve: intraday,
    costModel: model,
  });
  return {
    ...report,
    whyNoTrade: whyNoTrade(d.store, day),
    ...(d.research === undefined ? {} : { research: d.research() }),
  };
}
