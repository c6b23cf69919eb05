/**
 * @module PRE_MARKET's regime task: loads the regime model the research trained after the last close and says
 * which regime the day starts in; a regime other than the one loaded the session before is logged and journaled
 * as a change (the journal holds the previous loads, so a restart does not repeat or miss one).
 */
import type { JournalEntry } from '../../domain/ports.ts';
import type { RegimeReading, RegimeSource } from '../../domain/phases/phase-ports.ts';
import type { Deps } from '../deps.ts';
import { once, type PhaseTask, type TaskResult } from './phase-task.ts';

const MINUTE_MS = 60_000;
/** How far back the journal is read for the previous load: past a long weekend and a holiday or two. */
const LOOKBACK_MS = 14 * 86_400_000;

/** The label of the last regime this daemon loaded, from its journal; null when none was. */
export function lastLoadedRegime(journal: readonly JournalEntry[]): string | null {
  for (let i = journal.length - 1; i >= 0; i -= 1) {
    const e = journal[i];
    if (
      e?.actor === 'orchestrator' &&
      e.action === 'task_ran' &&
      e.data?.task === 'regime' &&
      typeof e.data.regime === 'string'
    )
      return e.data.regime;
  }
  return null;
}

export function regimeResult(r: RegimeReading | null, previous: string | null): TaskResult {
  if (r === null)
    return {
      ok: true,
      detail: 'no regime model yet (run `strikeline research`)',
      data: { regime: null },
    };
  const changed = previous !== null && previous !== r.label;
  const now = `${r.label} (p=${r.probability.toFixed(2)}) as of ${r.asOf}`;
  return {
    ok: true,
    detail: changed ? `regime changed from ${previous} to ${now}` : `regime ${now}`,
    data: { regime: r.label, probability: r.probability, asOf: r.asOf, previous, changed },
  };
}

export const regimeTask = (deps: Deps, source: RegimeSource): PhaseTask => ({
  name: 'regime',
  cadence: once(MINUTE_MS),
  run({ now }) {
    // A model file that cannot be read throws here: the task fails with its message and is retried.
    const result = regimeResult(
      source.current(),
      lastLoadedRegime(deps.store.journal.list(now - LOOKBACK_MS)),
    );
    if (result.data?.changed === true) deps.log.warn(result.data, result.detail);
    return Promise.resolve(result);
  },
});
