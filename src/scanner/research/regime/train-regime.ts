/**
 * @module Training the regime model on a market: features, the HMM fit, the Viterbi path's occupancy and the
 * regime at the last close, as the file's contents.
 */
import { round } from '../../output/round.ts';
import type { MarketData } from '../../market-data.ts';
import type { StrategySettings } from '../../strategies/strategy.ts';
import { fitHmm } from './fit-hmm.ts';
import { forward } from './gaussian-hmm.ts';
import { viterbi } from './viterbi.ts';
import { ORDER_BY, REGIME_FEATURES, regimeFeatures } from './regime-features.ts';
import {
  REGIME_FORMAT,
  REGIME_LABELS,
  REGIME_VERSION,
  roundedModel,
  type RegimeModelFile,
} from './regime-model-file.ts';

export interface RegimeOptions {
  readonly states: number;
  readonly iterations: number;
  readonly trainYears: number;
}

export function trainRegime(
  market: MarketData,
  settings: StrategySettings,
  o: RegimeOptions,
): RegimeModelFile {
  const data = regimeFeatures(market, settings, o.trainYears);
  const fit = fitHmm(data.xs, o.states, ORDER_BY, o.iterations);
  const model = roundedModel(fit.model);
  const path = viterbi(model, data.xs);
  const alpha = forward(model, data.xs).alpha;
  const last = alpha[alpha.length - 1] ?? [];
  const state = last.indexOf(Math.max(...last));
  const labels =
    REGIME_LABELS[o.states] ?? Array.from({ length: o.states }, (_, k) => `state_${k}`);
  return {
    format: REGIME_FORMAT,
    version: REGIME_VERSION,
    features: [...REGIME_FEATURES],
    level_source: data.levelSource,
    trained: {
      from: data.dates[0] ?? '',
      through: data.dates[data.dates.length - 1] ?? '',
      observations: data.xs.length,
      iterations: fit.iterations,
      converged: fit.converged,
      log_likelihood: round(fit.logLikelihood, 4),
    },
    states: o.states,
    labels,
    model,
    current: {
      date: data.dates[data.dates.length - 1] ?? '',
      state,
      label: labels[state] ?? `state_${state}`,
      probabilities: last.map((p) => round(p, 6)),
    },
    occupancy: Array.from({ length: o.states }, (_, k) => path.filter((s) => s === k).length),
  };
}
