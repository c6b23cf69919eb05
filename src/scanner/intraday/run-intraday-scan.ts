/**
 * @module `strikeline scan --intraday`: each enabled intraday strategy backtested on the configured symbols' last
 * `intraday.history_days` sessions of 1-minute bars with the scanner's cost model, judged per strategy (all symbols
 * together) and shown per symbol.
 */
import type { Config } from '../../config/schema.ts';
import type { Broker } from '../../domain/ports.ts';
import { backtestSession, type IntradayTrade } from './intraday-backtest.ts';
import { intradayHistory } from './intraday-history.ts';
import { intradaySessions } from '../../domain/rules/intraday/intraday-session.ts';
import { intradayStats, type IntradayStats } from './intraday-stats.ts';
import {
  INTRADAY_STRATEGIES,
  type IntradayStrategyName,
} from '../../domain/rules/intraday/intraday-signals.ts';

export interface IntradayScanDeps {
  readonly broker: Broker;
  readonly config: Config;
  readonly cacheDir: string;
  readonly useCache: boolean;
  /** The broker's clock. */
  readonly now: number;
}

export interface IntradayStrategyResult extends IntradayStats {
  readonly strategy: IntradayStrategyName;
  readonly symbols: readonly ({ readonly symbol: string } & IntradayStats)[];
  /** The last few trades, newest last, for the eye. */
  readonly recent: readonly (IntradayTrade & { readonly symbol: string })[];
}

export interface IntradayScanReport {
  readonly from: string;
  readonly through: string;
  readonly sessions: number;
  readonly symbols: readonly { readonly symbol: string; readonly bars: number }[];
  readonly barsFetched: number;
  readonly costs: { readonly slippageBps: number; readonly commissionPerShare: number };
  readonly strategies: readonly IntradayStrategyResult[];
  /** Strategies switched off in intraday.<name>.enabled. */
  readonly disabled: readonly IntradayStrategyName[];
}

const RECENT = 5;

export async function runIntradayScan(d: IntradayScanDeps): Promise<IntradayScanReport> {
  const c = d.config.intraday;
  const history = await intradayHistory(d.broker, {
    symbols: c.symbols,
    sessions: c.history_days,
    now: d.now,
    cacheDir: d.cacheDir,
    useCache: d.useCache,
  });
  const costs = {
    slippageBps: d.config.scanner.slippage_bps,
    commissionPerShare: d.config.scanner.commission_per_share,
  };
  const window = { closingMin: d.config.phases.closing_min, entryCutoffMin: c.entry_cutoff_min };
  const enabled = INTRADAY_STRATEGIES.filter((s) => c[s].enabled);
  const sessionsBySymbol = c.symbols.map((symbol) => ({
    symbol,
    sessions: intradaySessions(history.bars.get(symbol) ?? [], history.calendar),
  }));
  const strategies = enabled.map((strategy): IntradayStrategyResult => {
    const perSymbol = sessionsBySymbol.map(({ symbol, sessions }) => ({
      symbol,
      // The first session of the history is only the base of the second one's gap.
      trades: sessions
        .slice(1)
        .flatMap((s) => backtestSession(strategy, s, c, window, costs) ?? []),
    }));
    const all = perSymbol
      .flatMap((p) => p.trades.map((t) => ({ ...t, symbol: p.symbol })))
      .sort((a, b) => a.tsEntry - b.tsEntry);
    return {
      strategy,
      ...intradayStats(all, c.min_trades),
      symbols: perSymbol.map((p) => ({
        symbol: p.symbol,
        ...intradayStats(p.trades, c.min_trades),
      })),
      recent: all.slice(-RECENT),
    };
  });
  const tested = history.calendar.slice(1);
  return {
    from: tested[0]?.date ?? '',
    through: tested[tested.length - 1]?.date ?? '',
    sessions: tested.length,
    symbols: c.symbols.map((symbol) => ({ symbol, bars: history.bars.get(symbol)?.length ?? 0 })),
    barsFetched: history.barsFetched,
    costs,
    strategies,
    disabled: INTRADAY_STRATEGIES.filter((s) => !c[s].enabled),
  };
}
