/**
 * @module The trader's plan through the pipeline, against the broker: positions, open orders, assets, prices,
 * daily bars and the VIX level read; today's CSV and the pending signals still alive walked through
 * runPipeline; each candidate turned into the plan item execute-entries.ts and the renderers know.
 */
import type { AccountReport } from '../../../domain/account.ts';
import type { Broker } from '../../../domain/ports.ts';
import { allocate, type Allocation } from '../../../domain/rules/allocation.ts';
import { classifyRegime } from '../../../domain/rules/pipeline/vix-regime.ts';
import { portfolioHeat } from '../../../domain/rules/pipeline/portfolio-heat.ts';
import type { RiskView } from '../../../domain/rules/risk/risk-view.ts';
import type { Store } from '../../../domain/store.ts';
import { capitalLimit } from '../../../config/capital-limit.ts';
import type { Config } from '../../../config/schema.ts';
import { INTENTS_TABLE, type IntentRecord } from '../../../records/intent-record.ts';
import type { RankedSignal } from '../../rank/rank-signals.ts';
import type { PlanItem } from '../plan-entries.ts';
import { assetFacts, disabledStrategies } from '../trade-plan.ts';
import { readMarketInputs } from './market-inputs.ts';
import { alivePending } from './pending-book.ts';
import type { PipelineCandidate, PipelineResult, RegimeReading } from './pipeline-candidate.ts';
import { regimeSettings, strategyLimits } from './pipeline-settings.ts';
import { runPipeline } from './run-pipeline.ts';

export interface PipelineContext {
  readonly day: string;
  readonly now: number;
  readonly signals: readonly RankedSignal[];
  readonly account: AccountReport;
  readonly config: Config;
  readonly store: Store;
  readonly view: RiskView;
  readonly strategyDisabledList: readonly string[];
  readonly tradingCapital: number | undefined;
}

export interface PipelinePlan extends PipelineResult {
  readonly items: PlanItem[];
  readonly allocation: Allocation;
}

/** Which strategy opened each held symbol: the latest submitted intent for it (null when none did). */
function strategyBySymbol(store: Store): Map<string, string> {
  const latest = new Map<string, IntentRecord>();
  for (const [, r] of store.table<IntentRecord>(INTENTS_TABLE).entries()) {
    if (r.brokerOrderId === null) continue;
    const seen = latest.get(r.symbol);
    if (seen === undefined || r.tsCreated > seen.tsCreated) latest.set(r.symbol, r);
  }
  return new Map([...latest].map(([s, r]) => [s, r.strategy]));
}

export function planItemOf(c: PipelineCandidate): PlanItem {
  if (c.entry !== undefined) return c.entry;
  return {
    kind: c.sizingReject === true ? 'reject' : 'skip',
    signal: c.signal,
    reason: c.reason ?? c.reasonCode ?? 'rejected',
  };
}

export async function planPipeline(broker: Broker, p: PipelineContext): Promise<PipelinePlan> {
  const [positions, openOrders] = await Promise.all([
    broker.listPositions(),
    broker.listOrders({ status: 'open', limit: 500 }),
  ]);
  const held = positions.filter((x) => x.qty !== 0);
  const heldSymbols = new Set(held.map((x) => x.symbol));
  const openOrderSymbols = new Set(openOrders.map((o) => o.symbol));
  const csv = [...p.signals].sort((a, b) => a.rank - b.rank);
  const lastRank = csv.at(-1)?.rank ?? 0;
  const pending = alivePending(p.store, p.day, csv, p.config.capital.pending_signal_days).map(
    (s, k) => ({ ...s, rank: lastRank + k + 1 }),
  );
  const signals = [
    ...csv.map((signal) => ({ signal, source: 'csv' as const })),
    ...pending.map((signal) => ({ signal, source: 'pending' as const })),
  ];
  const tickers = [
    ...new Set(
      signals
        .map((s) => s.signal.ticker)
        .filter((t) => !heldSymbols.has(t) && !openOrderSymbols.has(t)),
    ),
  ];
  const [assets, prices, market] = await Promise.all([
    assetFacts(broker, tickers),
    tickers.length > 0 ? broker.getLatestPrices(tickers) : Promise.resolve({}),
    readMarketInputs(broker, p.config, [...tickers, ...heldSymbols], p.now),
  ]);
  const settings = regimeSettings(p.config);
  // No reading at all: sized as in the high regime (smaller, breakouts off) rather than guessed calm.
  const vix = market.vix ?? {
    level: settings.highFrom,
    source: 'unavailable: treated as the high regime',
  };
  const regime: RegimeReading = { ...classifyRegime(vix.level, settings), source: vix.source };
  const capital = p.config.capital;
  const capitalCap = capitalLimit(p.config, p.tradingCapital);
  const allocation = allocate({
    equity: p.account.equity,
    buyingPower: p.account.buyingPower,
    longMarketValue: p.account.longMarketValue,
    capitalCap,
    cashBufferPct: capital.cash_buffer_pct,
    maxPositionPct: capital.max_position_pct,
    maxPositionUsd: capital.max_position_usd,
    count: 1,
  });
  const owners = strategyBySymbol(p.store);
  const candidates = runPipeline({
    day: p.day,
    signals,
    heldSymbols,
    openOrderSymbols,
    disabledStrategies: disabledStrategies(p.config, p.strategyDisabledList),
    maxSignalAgeDays: p.config.ranker.max_signal_age_days,
    assets,
    prices: new Map(Object.entries(prices)),
    held: held.map((h) => ({
      symbol: h.symbol,
      marketValue: Math.abs(h.marketValue),
      strategy: owners.get(h.symbol) ?? null,
    })),
    closes: market.closes,
    atr: market.atr,
    regime,
    regimeSettings: settings,
    view: p.view,
    capital: {
      equityBase: allocation.equityBase,
      cashPool: allocation.pool,
      exposure: portfolioHeat({ ...p.account, capitalCap }).exposure,
      riskPerTradePct: capital.risk_per_trade_pct,
      maxPositionPct: capital.max_position_pct,
      maxPositionUsd: capital.max_position_usd,
    },
    maxPositions: capital.max_positions,
    strategy: (name) => strategyLimits(p.config, name),
  });
  return { regime, candidates, items: candidates.map(planItemOf), allocation };
}
