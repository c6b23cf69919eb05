/**
 * @module `--task regime`: trains the regime model on the market and the VIX proxy, writes it (versioned), and
 * says whether the regime changed since the model it replaces (the caller logs and journals a change).
 */
import type { Config } from '../../../config/schema.ts';
import { round } from '../../output/round.ts';
import {
  readRegimeModel,
  RegimeModelError,
  writeRegimeModel,
} from '../regime/regime-model-file.ts';
import { trainRegime } from '../regime/train-regime.ts';
import type { TaskContext } from './task-context.ts';

export interface RegimeSummary {
  readonly label: string;
  readonly probability: number;
  readonly as_of: string;
  readonly previous: string | null;
  readonly changed: boolean;
  readonly states: number;
  readonly labels: readonly string[];
  readonly level_source: string;
  readonly trained: {
    readonly from: string;
    readonly through: string;
    readonly observations: number;
    readonly iterations: number;
    readonly converged: boolean;
  };
  readonly occupancy: readonly number[];
  readonly file: string;
  readonly note: string | null;
}

export function regimeTask(t: TaskContext, config: Pick<Config, 'research'>): RegimeSummary {
  const file = t.paths.regimeModel;
  let previous: string | null = null;
  let note: string | null = null;
  try {
    previous = readRegimeModel(file)?.current.label ?? null;
  } catch (e) {
    if (!(e instanceof RegimeModelError)) throw e;
    note = `the previous model was not readable and is replaced: ${e.message}`;
  }
  t.progress.start('regime model', 1);
  const r = config.research.regime;
  const model = trainRegime(t.market, t.settings, {
    states: r.states,
    iterations: r.iterations,
    trainYears: r.train_years,
  });
  writeRegimeModel(file, model);
  t.progress.update(1);
  t.progress.stop();
  const { trained } = model;
  return {
    label: model.current.label,
    probability: round(model.current.probabilities[model.current.state] ?? 0, 4),
    as_of: model.current.date,
    previous,
    changed: previous !== null && previous !== model.current.label,
    states: model.states,
    labels: model.labels,
    level_source: model.level_source,
    trained: {
      from: trained.from,
      through: trained.through,
      observations: trained.observations,
      iterations: trained.iterations,
      converged: trained.converged,
    },
    occupancy: model.occupancy,
    file,
    note,
  };
}
