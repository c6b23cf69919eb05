/** @module What the pipeline walks over: the run's facts (capital, market, regime, risk view) and its running book. */
import type { LatestPrice } from '../../../domain/account.ts';
import type { DailyClose } from '../../../domain/rules/pipeline/correlation.ts';
import type { RegimeSettings } from '../../../domain/rules/pipeline/vix-regime.ts';
import type { RiskView } from '../../../domain/rules/risk/risk-view.ts';
import type { RankedSignal } from '../../rank/rank-signals.ts';
import type { RegimeReading, SignalSource } from './pipeline-candidate.ts';
import type { StrategyLimits } from './pipeline-settings.ts';
import type { RawFacts } from './raw-stage.ts';

export interface CapitalFacts {
  /** The capital sized against: equity, or the capital cap when lower. */
  readonly equityBase: number;
  /** Buying power (within the capital cap) less the cash buffer. */
  readonly cashPool: number;
  /** Market value held now (heat's numerator). */
  readonly exposure: number;
  readonly riskPerTradePct: number;
  readonly maxPositionPct: number;
  readonly maxPositionUsd: number;
}

/** The run's running totals, updated as entries are accepted. */
export interface Book {
  positions: number;
  exposure: number;
  cash: number;
  readonly byStrategy: Map<string, { positions: number; used: number }>;
  /** Accepted this run: ticker -> notional. */
  readonly accepted: Map<string, number>;
}

export interface PipelineInput extends RawFacts {
  readonly signals: readonly { readonly signal: RankedSignal; readonly source: SignalSource }[];
  readonly held: readonly {
    readonly symbol: string;
    readonly marketValue: number;
    readonly strategy: string | null;
  }[];
  readonly prices: ReadonlyMap<string, LatestPrice>;
  readonly closes: ReadonlyMap<string, readonly DailyClose[]>;
  readonly atr: ReadonlyMap<string, number | null>;
  readonly regime: RegimeReading;
  readonly regimeSettings: RegimeSettings;
  readonly view: RiskView;
  readonly capital: CapitalFacts;
  readonly maxPositions: number;
  readonly strategy: (name: string) => StrategyLimits;
}
