/**
 * @module What a scan runs with, from config, environment and options: the universe, the strategies, the
 * context symbols they need, their settings (VIX regimes, sectors, fundamentals) and the backtest's costs.
 */
import type { Paths } from '../config/paths.ts';
import type { Config, StrategyName } from '../config/schema.ts';
import { exitRulesFromConfig } from '../config/exit-rules-config.ts';
import { readFundamentals } from './data/fundamentals.ts';
import {
  staticUniverse,
  universeFromCsv,
  universeFromList,
  type Universe,
} from './data/scan-universe.ts';
import { scanResearch, type ScanResearch } from './research/scan-research.ts';
import { verdictRules } from './research/verdict/verdict-rules.ts';
import type { ScanOptions } from './scan/ticker-scan.ts';
import { selectStrategies, type StrategySelection } from './strategies/registry.ts';
import { STATIC_SECTORS } from './strategies/sectors.ts';
import type { StrategySettings } from './strategies/strategy.ts';

export const MARKET_SYMBOL = 'SPY';

export interface ScanSetup {
  readonly universe: Universe;
  readonly selection: StrategySelection;
  readonly context: readonly string[];
  readonly settings: StrategySettings;
  readonly options: ScanOptions;
  readonly notes: readonly string[];
  readonly research: ScanResearch['summary'];
}

export function resolveUniverse(config: Config, paths: Paths, symbols?: string): Universe {
  if (symbols !== undefined) return universeFromList(symbols);
  return config.scanner.universe === 'csv' ? universeFromCsv(paths.universe) : staticUniverse();
}

export function scanOptions(config: Config): ScanOptions {
  return {
    backtest: {
      exits: exitRulesFromConfig(config.exits),
      costs: {
        slippageBps: config.scanner.slippage_bps,
        commissionPerShare: config.scanner.commission_per_share,
      },
      notional: config.capital.max_position_usd,
    },
    verdict: verdictRules(config),
    strategyExits: config.exits.strategy_exits,
  };
}

export function scanSetup(
  config: Config,
  paths: Paths,
  disabledList: readonly string[],
  request: { symbols?: string; strategies?: readonly StrategyName[] },
): ScanSetup {
  const universe = resolveUniverse(config, paths, request.symbols);
  const selection = selectStrategies(config, disabledList, request.strategies);
  const notes: string[] = [];
  const needsFundamentals = selection.selected.includes('quality_smallcap_value');
  const fundamentals = needsFundamentals ? readFundamentals(paths.fundamentals) : null;
  if (fundamentals !== null) notes.push(...fundamentals.problems);
  const context = selection.selected.includes('vix_regime_rotation')
    ? [config.vix_regimes.symbol, MARKET_SYMBOL]
    : [];
  const settings: StrategySettings = {
    vix: {
      symbol: config.vix_regimes.symbol,
      lowBelow: config.vix_regimes.low_below,
      highFrom: config.vix_regimes.high_from,
      extremeFrom: config.vix_regimes.extreme_from,
    },
    marketSymbol: MARKET_SYMBOL,
    sectors: new Map([...STATIC_SECTORS, ...universe.sectors]),
    fundamentals: fundamentals?.rows ?? null,
  };
  const research = scanResearch(config, paths.data, selection.selected, universe.symbols);
  notes.push(...research.notes);
  const options: ScanOptions = {
    ...scanOptions(config),
    schedules: research.schedules,
    candidates: research.candidates,
  };
  return { universe, selection, context, settings, options, notes, research: research.summary };
}
