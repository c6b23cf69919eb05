/**
 * @module A discovered rule that survived out-of-sample validation, as data/research/candidates/<id>.json holds it:
 * the rule (tree and text), where its in-sample period ends (the scanner counts nothing before the day after),
 * how it was found, and its in- and out-of-sample statistics. The id is a hash of the rule's text.
 */
import { createHash } from 'node:crypto';
import { readJsonFile } from '../io/json-file.ts';
import { ruleText, type Rule } from './rule.ts';

export const CANDIDATE_FORMAT = 'strikeline-gp-candidate';
export const CANDIDATE_VERSION = 1;

export interface PooledJson {
  readonly trades: number;
  readonly tickers_traded: number;
  readonly win_rate: number;
  readonly mean_return_pct: number;
  readonly excess_return_pct: number;
  readonly t_stat: number | null;
  readonly p_value: number;
}

export interface CandidateFile {
  readonly format: typeof CANDIDATE_FORMAT;
  readonly version: typeof CANDIDATE_VERSION;
  readonly id: `gp_${string}`;
  readonly expression: string;
  readonly rule: Rule;
  readonly warmup: number;
  /** The last session of the in-sample period the rule was fitted on. */
  readonly in_sample_through: string;
  /** The first session of the out-of-sample validation. */
  readonly out_of_sample_from: string;
  readonly discovered: {
    readonly seed: number;
    readonly island: number;
    readonly generation: number;
    readonly data: { readonly from: string; readonly to: string; readonly tickers: number };
  };
  readonly in_sample: PooledJson & {
    readonly fitness: number;
    readonly size: number;
    readonly depth: number;
  };
  readonly out_of_sample: PooledJson & { readonly q_value: number; readonly validated: number };
}

export const candidateId = (rule: Rule): `gp_${string}` =>
  `gp_${createHash('sha256').update(ruleText(rule)).digest('hex').slice(0, 12)}`;

export class CandidateError extends Error {
  override readonly name = 'CandidateError';
}

/** A candidate file read back; any other format or version is refused with the file's path. */
export function readCandidate(file: string, id: string): CandidateFile {
  const raw = readJsonFile(file) as Partial<CandidateFile> | undefined;
  if (raw === undefined)
    throw new CandidateError(
      `research.promoted names ${id}, but ${file} does not exist (run strikeline research --task gp, or remove it from the list)`,
    );
  if (raw.format !== CANDIDATE_FORMAT || raw.version !== CANDIDATE_VERSION)
    throw new CandidateError(
      `${file} is ${String(raw.format)} version ${String(raw.version)}; this strikeline reads ${CANDIDATE_FORMAT} version ${CANDIDATE_VERSION}`,
    );
  if (raw.id !== id || raw.rule === undefined || candidateId(raw.rule) !== id)
    throw new CandidateError(
      `${file} does not hold candidate ${id} (its rule hashes to another id)`,
    );
  return raw as CandidateFile;
}
