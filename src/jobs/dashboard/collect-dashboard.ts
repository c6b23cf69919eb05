/**
 * @module One dashboard snapshot: the daemon's health and positions with their protection (as `strikeline status`
 * sees them), the error log, today's orders with fill -> protection latency, the account and its equity curves.
 * Everything read-only; a broker failure leaves the local state shown and says so.
 */
import type { AccountReport } from '../../domain/account.ts';
import type { ErrorRecord } from '../../domain/error-record.ts';
import type { Broker } from '../../domain/ports.ts';
import type { Store } from '../../domain/store.ts';
import { nyDate, nyToEpoch } from '../../domain/time/ny-time.ts';
import { listErrors } from '../../records/error-log.ts';
import { countErrors, type ErrorCounts } from '../ops/render-errors.ts';
import { collectStatus, type StatusDeps, type StatusReport } from '../ops/status.ts';
import { equitySeries, type EquitySeries } from './equity-series.ts';
import { orderRows, type OrderRow } from './order-rows.ts';
import { riskPanel, type RiskPanel } from './risk-panel.ts';
import { whyNoTrade, whyNoTradeLines, type WhyNoTrade } from '../report/why-no-trade.ts';
import { portfolioHeat, type PortfolioHeat } from '../../domain/rules/pipeline/portfolio-heat.ts';
import { epochNow } from '../../domain/time/wall-clock.ts';

export interface DashboardSnapshot {
  /** Wall ms when it was taken. */
  readonly ts: number;
  /** The broker's clock, and whether its market is open; null when the broker could not be reached. */
  readonly market: {
    readonly tsNow: number;
    readonly isOpen: boolean;
    readonly tsNextOpen: number;
    readonly tsNextClose: number;
  } | null;
  readonly status: StatusReport;
  readonly errors: { readonly counts: ErrorCounts; readonly recent: readonly ErrorRecord[] };
  /** Alerts the mailer logged at WARN+ (undelivered, or delivered with no SMTP configured). */
  readonly alerts: readonly ErrorRecord[];
  readonly account: AccountReport | null;
  readonly orders: readonly OrderRow[];
  readonly equity: { readonly intraday: EquitySeries | null; readonly daily: EquitySeries | null };
  /** Trading state, breakers with their expiry, and the research regime; `available: false` without a data folder. */
  readonly risk: RiskPanel | { readonly available: false; readonly reason: string };
  /** Today's trade pipeline (issue 14): the VIX regime and heat limit, the funnel, rejections, pending signals; and as the report's lines. */
  readonly funnel: WhyNoTrade & { readonly lines: readonly string[] };
  /** Portfolio heat now, measured as the trade pipeline measures it; null when the broker could not be reached. */
  readonly heat: PortfolioHeat | null;
  readonly brokerError: string | null;
}

export interface DashboardDeps extends Omit<StatusDeps, 'journalEntries'> {
  readonly broker: () => Broker;
  readonly store: Store;
  /** The error log window shown, in ms back from now. */
  readonly errorWindowMs: number;
  /** The root's data/ folder (the research regime model); without it the risk panel says it is not available. */
  readonly dataDir?: string;
  /** The capital limit (TRADING_CAPITAL, else capital.total_capital): heat is measured against the equity traded with. */
  readonly capitalCap?: number;
}

const RECENT_ERRORS = 20;
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function brokerPart(
  deps: DashboardDeps,
): Promise<Pick<DashboardSnapshot, 'market' | 'account' | 'orders' | 'equity' | 'brokerError'>> {
  try {
    const broker = deps.broker();
    const clock = await broker.getClock();
    const dayStart = nyToEpoch(nyDate(clock.tsNow));
    const [account, orders, intraday, daily] = await Promise.all([
      broker.getAccount(),
      broker.listOrders({ status: 'all', after: dayStart, limit: 500, nested: true }),
      broker.getPortfolioHistory({ timeframe: '5Min', period: '1D' }),
      broker.getPortfolioHistory({ timeframe: '1D', period: '3M' }),
    ]);
    return {
      market: {
        tsNow: clock.tsNow,
        isOpen: clock.isOpen,
        tsNextOpen: clock.tsNextOpen,
        tsNextClose: clock.tsNextClose,
      },
      account,
      orders: orderRows(orders, deps.store.journal.list(dayStart)),
      equity: {
        intraday: equitySeries(intraday, { ts: clock.tsNow, equity: account.equity }),
        daily: equitySeries(daily, { ts: clock.tsNow, equity: account.equity }),
      },
      brokerError: null,
    };
  } catch (e) {
    return {
      market: null,
      account: null,
      orders: [],
      equity: { intraday: null, daily: null },
      brokerError: message(e),
    };
  }
}

export async function collectDashboard(deps: DashboardDeps): Promise<DashboardSnapshot> {
  const ts = (deps.now ?? epochNow)();
  const [status, fromBroker] = await Promise.all([
    collectStatus({ ...deps, journalEntries: 0 }),
    brokerPart(deps),
  ]);
  const errors = listErrors(deps.store, { sinceTs: ts - deps.errorWindowMs });
  const newestFirst = [...errors].reverse();
  return {
    ts,
    ...fromBroker,
    status,
    errors: {
      counts: countErrors(errors),
      recent: newestFirst.filter((e) => !e.resolved).slice(0, RECENT_ERRORS),
    },
    alerts: newestFirst.filter((e) => e.logger === 'mail').slice(0, 10),
    risk:
      deps.dataDir === undefined
        ? { available: false, reason: 'no data folder given' }
        : riskPanel({ ...deps, dataDir: deps.dataDir }, fromBroker.market?.tsNow ?? ts),
    funnel: funnelPanel(deps, fromBroker.market?.tsNow ?? ts),
    heat:
      fromBroker.account === null
        ? null
        : portfolioHeat({ ...fromBroker.account, capitalCap: deps.capitalCap }),
    brokerError: fromBroker.brokerError ?? status.brokerError,
  };
}

/** The New York day of `now` (the broker's clock where known) as the report reads it. */
function funnelPanel(deps: DashboardDeps, now: number): DashboardSnapshot['funnel'] {
  const w = whyNoTrade(deps.store, nyDate(now));
  return { ...w, lines: whyNoTradeLines(w) };
}
