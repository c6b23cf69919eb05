/** @module The trader's plan against the broker: positions, open orders, assets and prices read, then the pure rules of plan-entries.ts. */
import type { Config } from '../../config/schema.ts';
import type { AccountReport } from '../../domain/account.ts';
import { isBrokerError } from '../../domain/broker-error.ts';
import type { Broker } from '../../domain/ports.ts';
import type { Outcome } from './execute-entries.ts';
import type { AssetFacts, PlanItem } from './plan-entries.ts';
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

export async function assetFacts(
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
