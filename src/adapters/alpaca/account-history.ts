/**
 * @module The account's history through the official SDK: FILL activities (`GET /v2/account/activities`,
 * every page followed by the last activity's id) and the portfolio history (`GET /v2/account/portfolio/history`).
 */
import type { trading } from '@alpacahq/alpaca-trade-api';
import type {
  FillQuery,
  FillReport,
  PortfolioHistoryQuery,
  PortfolioHistoryReport,
} from '../../domain/account-history.ts';
import { toFillReport, toPortfolioHistoryReport } from './map.ts';

/** Alpaca's largest activity page. */
const PAGE_SIZE = 100;

/**
 * Through the list endpoint filtered to FILL: the SDK's `/activities/{activity_type}` model reads every entry as a
 * non-trade activity and drops the fill's fields (price, order_id, ...), while the list model keeps them.
 */
export async function fetchFills(
  api: trading.AccountActivitiesApi,
  query: FillQuery,
): Promise<FillReport[]> {
  const out: FillReport[] = [];
  let pageToken: string | undefined;
  for (;;) {
    const page = await api.getAccountActivities({
      activityTypes: ['FILL'],
      direction: 'asc',
      pageSize: PAGE_SIZE,
      ...(query.after === undefined ? {} : { after: new Date(query.after) }),
      ...(query.until === undefined ? {} : { until: new Date(query.until) }),
      ...(pageToken === undefined ? {} : { pageToken }),
    });
    out.push(...page.map(toFillReport));
    const last = out.at(-1);
    if (page.length < PAGE_SIZE || last === undefined) return out;
    pageToken = last.id;
  }
}

export async function fetchPortfolioHistory(
  api: trading.PortfolioHistoryApi,
  query: PortfolioHistoryQuery,
): Promise<PortfolioHistoryReport> {
  const history = await api.getAccountPortfolioHistory({
    timeframe: query.timeframe,
    intradayReporting: 'market_hours',
    ...(query.period === undefined ? {} : { period: query.period }),
    ...(query.tsStart === undefined ? {} : { start: new Date(query.tsStart) }),
    ...(query.tsEnd === undefined ? {} : { end: new Date(query.tsEnd) }),
  });
  return toPortfolioHistoryReport(history, query.timeframe);
}
