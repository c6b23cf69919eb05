/** PRE_MARKET's regime task: the regime the day starts in, and a change from the last load said as a change. */
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../src/domain/ports.ts';
import { lastLoadedRegime, regimeResult } from '../../../../src/streams/phases/regime-task.ts';

const loaded = (regime: string | null, ts: number): JournalEntry => ({
  ts,
  actor: 'orchestrator',
  action: 'task_ran',
  reason: 'regime ...',
  data: { phase: 'PRE_MARKET', day: '2024-05-01', task: 'regime', ok: true, regime },
});

describe('the regime task', () => {
  it('finds the last regime loaded in the journal, past other entries and loads without a model', () => {
    const journal: JournalEntry[] = [
      loaded('calm', 1),
      loaded('stressed', 2),
      {
        ts: 3,
        actor: 'orchestrator',
        action: 'task_ran',
        reason: 'x',
        data: { task: 'reconcile', regime: 'calm' },
      },
      {
        ts: 4,
        actor: 'daemon',
        action: 'task_ran',
        reason: 'x',
        data: { task: 'regime', regime: 'calm' },
      },
      loaded(null, 5),
    ];
    expect(lastLoadedRegime(journal)).toBe('stressed');
    expect(lastLoadedRegime([])).toBeNull();
  });

  it('says the regime, and a change from the previous load as a change', () => {
    const reading = { label: 'stressed', probability: 0.876, asOf: '2024-04-30' };
    expect(regimeResult(reading, 'stressed')).toMatchObject({
      ok: true,
      detail: 'regime stressed (p=0.88) as of 2024-04-30',
      data: { changed: false },
    });
    expect(regimeResult(reading, null)).toMatchObject({
      detail: 'regime stressed (p=0.88) as of 2024-04-30',
      data: { changed: false, previous: null },
    });
    expect(regimeResult(reading, 'calm')).toMatchObject({
      ok: true,
      detail: 'regime changed from calm to stressed (p=0.88) as of 2024-04-30',
      data: { regime: 'stressed', previous: 'calm', changed: true },
    });
    expect(regimeResult(null, 'calm')).toEqual({
      ok: true,
      detail: 'no regime model yet (run `strikeline research`)',
      data: { regime: null },
    });
  });
});
