/**
 * @module The market regime for the rest of the system (pre-market, `status`, the report): the label the model
 * trained after the last close found at that close, with its probability and how old it is. Call
 * `currentRegime(paths.data)`: null when no model has been trained; RegimeModelError for a model file of
 * another version (retrain it).
 */
import { researchPaths } from '../io/research-paths.ts';
import { readRegimeModel } from './regime-model-file.ts';

export interface CurrentRegime {
  readonly label: string;
  readonly state: number;
  /** The filtered probability of that state at `asOf`, 0..1. */
  readonly probability: number;
  /** The session whose close the regime was read at. */
  readonly asOf: string;
  readonly trainedThrough: string;
  readonly labels: readonly string[];
  readonly file: string;
}

export function currentRegime(dataDir: string): CurrentRegime | null {
  const file = researchPaths(dataDir).regimeModel;
  const model = readRegimeModel(file);
  if (model === undefined) return null;
  const c = model.current;
  return {
    label: c.label,
    state: c.state,
    probability: c.probabilities[c.state] ?? 0,
    asOf: c.date,
    trainedThrough: model.trained.through,
    labels: model.labels,
    file,
  };
}
