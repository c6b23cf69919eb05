/** @module The trader's plan against the broker: positions, open orders, assets and prices read, then the pure rules of plan-entries.ts. */
import type { Config } from '../../config/schema.ts';
import type { AccountReport } from '../../domain/account.ts';
import { isBrokerError } from '../../domain/broker-error.ts';
import type { Broker } from '../../domain/ports.ts';
import type { Allocation } from '../../domain/rules/allocation.ts';
import type { Outcome } from './execute-entries.ts';
import { selectCandidates, sizeEntries, type AssetFacts, type PlanItem } from './plan-entries.ts';
import type { RankedSignal } from '../rank/rank-signals.ts';
import type { Rejection } from '../../records/rejected-tickers.ts';

export interface PlanContext {
  readonly day: string;
  readonly signals: readonly RankedSignal[];
  readonly account: AccountReport;
  readonly config: Config;
  readonly strategyDisabledList: readonly string[];
  readonly tradingCapital: number | undefined;
}

async function assetFacts(
  broker: Broker,
  symbols: readonly string[],
): Promise<Map<string, AssetFacts | undefined>> {
  const out = new Map<string, AssetFacts | undefined>();
  for (const s of symbols) {
    try {
      const a = await broker.getAsset(s);
      out.set(s, { tradable: a.tradable && a.status === 'active', fractionable: a.fractionable });
    } catch (e) {
      if (isBrokerError(e) && e.kind === 'not-found') out.set(s, undefined);
      else throw e;
    }
  }
  return out;
}

/** Disabled in config (strategies.X.enabled: false) or named in STRATEGY_DISABLED_LIST. */
export function disabledStrategies(config: Config, envList: readonly string[]): Set<string> {
  const fromConfig = Object.entries(config.strategies)
    .filter(([, s]) => !s.enabled)
    .map(([name]) => name);
  return new Set([...fromConfig, ...envList]);
}

/** Every signal with what to do about it, in rank order, and the allocation used. */
export async function planTrades(
  broker: Broker,
  p: PlanContext,
): Promise<{ items: PlanItem[]; allocation: Allocation }> {
  const [positions, openOrders] = await Promise.all([
    broker.listPositions(),
    broker.listOrders({ status: 'open', limit: 500 }),
  ]);
  const selection = selectCandidates({
    day: p.day,
    signals: p.signals,
    heldSymbols: new Set(positions.filter((x) => x.qty !== 0).map((x) => x.symbol)),
    openOrderSymbols: new Set(openOrders.map((o) => o.symbol)),
    disabledStrategies: disabledStrategies(p.config, p.strategyDisabledList),
    maxPositions: p.config.capital.max_positions,
    maxSignalAgeDays: p.config.ranker.max_signal_age_days,
  });
  const symbols = selection.candidates.map((c) => c.ticker);
  const [assets, prices] = await Promise.all([
    assetFacts(broker, symbols),
    symbols.length > 0 ? broker.getLatestPrices(symbols) : Promise.resolve({}),
  ]);
  const capital = p.config.capital;
  const sized = sizeEntries({
    day: p.day,
    candidates: selection.candidates,
    account: {
      equity: p.account.equity,
      buyingPower: p.account.buyingPower,
      longMarketValue: p.account.longMarketValue,
      capitalCap: p.tradingCapital ?? capital.total_capital ?? undefined,
      cashBufferPct: capital.cash_buffer_pct,
      maxPositionPct: capital.max_position_pct,
      maxPositionUsd: capital.max_position_usd,
    },
    assets,
    prices: new Map(Object.entries(prices)),
  });
  const items = [...sized.items, ...selection.skipped].sort(
    (a, b) => a.signal.rank - b.signal.rank,
  );
  return { items, allocation: sized.allocation };
}

/** What goes to data/rejected_tickers/ (stage trade): bad CSV rows, plan rejections, broker rejections of this run. */
export function tradeRejections(
  day: string,
  csvPath: string,
  csvProblems: readonly { ticker: string | undefined; reason: string }[],
  items: readonly PlanItem[],
  outcomes: readonly Outcome[],
): Rejection[] {
  const of = (signal: RankedSignal, reason: string): Rejection => ({
    date: day,
    ticker: signal.ticker,
    stage: 'trade',
    reason,
    strategy: signal.strategy,
  });
  return [
    ...csvProblems.map((p): Rejection => ({
      date: day,
      ticker: p.ticker ?? csvPath,
      stage: 'trade',
      reason: p.reason,
    })),
    ...items.flatMap((i) => (i.kind === 'reject' ? [of(i.signal, i.reason)] : [])),
    ...outcomes
      .filter((o) => o.status === 'rejected' && !o.reason.startsWith('rejected earlier'))
      .map((o) => of(o.entry.signal, o.reason)),
  ];
}
