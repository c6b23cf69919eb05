/**
 * @module The regime model as a versioned file (data/research/regime/model.json): trained after hours, read at
 * pre-market. A file of another format or version is refused with a clear error naming the file, the version
 * found and the one expected, never misread.
 */
import { round } from '../../output/round.ts';
import { readJsonFile, writeJsonFile } from '../io/json-file.ts';
import type { Hmm } from './gaussian-hmm.ts';
import { REGIME_FEATURES } from './regime-features.ts';

export const REGIME_FORMAT = 'strikeline-regime-hmm';
export const REGIME_VERSION = 1;

export const REGIME_LABELS: Readonly<Record<number, readonly string[]>> = {
  2: ['calm', 'stressed'],
  3: ['calm', 'normal', 'stressed'],
  4: ['calm', 'normal', 'stressed', 'crisis'],
};

export interface RegimeNow {
  /** The session of the last observation. */
  readonly date: string;
  readonly state: number;
  readonly label: string;
  /** Filtered probabilities of each state at that session (what was knowable at its close). */
  readonly probabilities: readonly number[];
}

export interface RegimeModelFile {
  readonly format: typeof REGIME_FORMAT;
  readonly version: typeof REGIME_VERSION;
  readonly features: readonly string[];
  readonly level_source: string;
  readonly trained: {
    readonly from: string;
    readonly through: string;
    readonly observations: number;
    readonly iterations: number;
    readonly converged: boolean;
    readonly log_likelihood: number;
  };
  readonly states: number;
  readonly labels: readonly string[];
  readonly model: Hmm;
  readonly current: RegimeNow;
  /** Days spent in each state over the training window (Viterbi path). */
  readonly occupancy: readonly number[];
}

export class RegimeModelError extends Error {
  override readonly name = 'RegimeModelError';
}

const r6 = (xs: readonly number[]): number[] => xs.map((x) => round(x, 6));

export function roundedModel(m: Hmm): Hmm {
  return { pi: r6(m.pi), a: m.a.map(r6), means: m.means.map(r6), variances: m.variances.map(r6) };
}

export function writeRegimeModel(file: string, model: RegimeModelFile): void {
  writeJsonFile(file, model);
}

/** The model file, or undefined when there is none; any other format or version throws RegimeModelError. */
export function readRegimeModel(file: string): RegimeModelFile | undefined {
  let raw: unknown;
  try {
    raw = readJsonFile(file);
  } catch (e) {
    throw new RegimeModelError(
      `regime model ${file} is unreadable (${e instanceof Error ? e.message : String(e)}); retrain it with: strikeline research --task regime`,
    );
  }
  if (raw === undefined) return undefined;
  const m = raw as Partial<RegimeModelFile>;
  if (m.format !== REGIME_FORMAT || m.version !== REGIME_VERSION)
    throw new RegimeModelError(
      `regime model ${file} is ${String(m.format)} version ${String(m.version)}; this strikeline reads ${REGIME_FORMAT} version ${REGIME_VERSION}: retrain it with: strikeline research --task regime`,
    );
  if (
    JSON.stringify(m.features) !== JSON.stringify(REGIME_FEATURES) ||
    m.model === undefined ||
    m.current === undefined
  )
    throw new RegimeModelError(
      `regime model ${file} does not hold the features ${REGIME_FEATURES.join(', ')}: retrain it with: strikeline research --task regime`,
    );
  return m as RegimeModelFile;
}
