/**
 * @module The scanner's side of walk-forward research: each (strategy, ticker)'s result file read back as a
 * parameter schedule. A file of another format or version, or with parameters that are not the strategy's
 * declared ones, is skipped with a note (the scan then uses the defaults), never misread.
 */
import type { ParameterizedStrategy } from '../../strategies/strategy.ts';
import type { ResearchPaths } from '../io/research-paths.ts';
import { readJsonFile } from '../io/json-file.ts';
import type { ParamSchedule } from '../params/param-schedule.ts';
import { scheduleKey } from '../params/param-schedule.ts';
import { onGrid } from '../params/parameter-spec.ts';
import { WFO_FORMAT, WFO_VERSION, type WfoResultFile } from './wfo-result.ts';

/**
 * The schedule a result stands for: each fold's parameters from its out-of-sample start, then the current ones
 * from the last session of the data. Those were chosen on trades closed by that session's close, the moment its
 * signal is read, so the scan after the research uses them for tonight's signal already.
 */
export function scheduleFromWfo(file: WfoResultFile): ParamSchedule {
  return {
    source: file.optimizer === 'ga' ? 'ga' : 'wfo',
    steps: [
      ...file.folds.map((f) => ({ from: f.out_of_sample[0], params: f.params })),
      { from: file.data.to, params: file.current.params },
    ],
  };
}

function problem(raw: unknown, strategy: ParameterizedStrategy, symbol: string): string | null {
  const f = raw as Partial<WfoResultFile> | null;
  if (f === null || typeof f !== 'object') return 'not an object';
  if (f.format !== WFO_FORMAT || f.version !== WFO_VERSION)
    return `format ${String(f.format)} version ${String(f.version)}, expected ${WFO_FORMAT} version ${WFO_VERSION}`;
  if (f.strategy !== strategy.name || f.symbol !== symbol)
    return `it is for ${String(f.strategy)} on ${String(f.symbol)}`;
  const params = [...(f.folds ?? []).map((x) => x.params), f.current?.params];
  if (!params.every((p) => p !== undefined && onGrid(strategy.parameters, p)))
    return `its parameters are not ${strategy.name}'s declared ones (the strategy changed since; run the research again)`;
  return null;
}

export interface ReadSchedules {
  readonly schedules: Map<string, ParamSchedule>;
  readonly notes: string[];
}

export function readSchedules(
  paths: ResearchPaths,
  optimizer: 'grid' | 'ga',
  strategies: readonly ParameterizedStrategy[],
  symbols: readonly string[],
): ReadSchedules {
  const schedules = new Map<string, ParamSchedule>();
  const notes: string[] = [];
  for (const strategy of strategies) {
    for (const symbol of symbols) {
      const file = paths.resultFile(optimizer, strategy.name, symbol);
      let raw: unknown;
      try {
        raw = readJsonFile(file);
      } catch (e) {
        notes.push(
          `research result for ${strategy.name} on ${symbol} skipped: ${e instanceof Error ? e.message : String(e)}`,
        );
        continue;
      }
      if (raw === undefined) continue;
      const why = problem(raw, strategy, symbol);
      if (why === null)
        schedules.set(scheduleKey(strategy.name, symbol), scheduleFromWfo(raw as WfoResultFile));
      else notes.push(`research result ${file} skipped: ${why}`);
    }
  }
  return { schedules, notes };
}
