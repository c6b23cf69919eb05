/**
 * @module What the scanner takes from the research: the walk-forward parameter schedules of the optimiser named
 * by research.scan_params, and the discovered rules promoted in research.promoted. Anything missing or of
 * another version is left out with a note; the scan goes on with the defaults.
 */
import type { Config, StrategyName } from '../../config/schema.ts';
import { STRATEGIES } from '../strategies/registry.ts';
import { isParameterized } from '../strategies/strategy.ts';
import { CandidateError, readCandidate } from './gp/candidate.ts';
import type { PromotedRule } from './gp/gp-strategy.ts';
import { researchPaths } from './io/research-paths.ts';
import type { ParamSchedule } from './params/param-schedule.ts';
import { readSchedules } from './wfo/read-schedules.ts';

export interface ScanResearch {
  readonly schedules: Map<string, ParamSchedule>;
  readonly candidates: PromotedRule[];
  readonly notes: string[];
  /** For the scan report: where parameters came from and what was promoted. */
  readonly summary: {
    readonly params: string;
    readonly schedules: number;
    readonly promoted: readonly string[];
  };
}

export function scanResearch(
  config: Pick<Config, 'research'>,
  dataDir: string,
  selected: readonly StrategyName[],
  symbols: readonly string[],
): ScanResearch {
  const paths = researchPaths(dataDir);
  const notes: string[] = [];
  const source = config.research.scan_params;
  const parameterized = selected.map((n) => STRATEGIES[n]).filter(isParameterized);
  const read =
    source === 'default'
      ? { schedules: new Map<string, ParamSchedule>(), notes: [] }
      : readSchedules(paths, source === 'wfo' ? 'grid' : 'ga', parameterized, symbols);
  notes.push(...read.notes);
  const candidates: PromotedRule[] = [];
  for (const id of config.research.promoted) {
    try {
      const c = readCandidate(paths.candidateFile(id), id);
      candidates.push({
        id: c.id,
        expression: c.expression,
        rule: c.rule,
        warmup: c.warmup,
        inSampleThrough: c.in_sample_through,
      });
    } catch (e) {
      if (!(e instanceof CandidateError)) throw e;
      notes.push(`promoted ${id} skipped: ${e.message}`);
    }
  }
  return {
    schedules: read.schedules,
    candidates,
    notes,
    summary: {
      params: source,
      schedules: read.schedules.size,
      promoted: candidates.map((c) => c.id),
    },
  };
}
