/**
 * The research in LMDB (a real store in a temp dir): each run's summary by date; under `latest`, the newest
 * section of every task with its date (a run of one task keeps the others' sections); regime changes logged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../../src/adapters/store/lmdb-store.ts';
import type { Store } from '../../../../src/domain/store.ts';
import {
  logRegimeChange,
  readResearchSummary,
  regimeLog,
  saveResearchSummary,
  RESEARCH_TABLE,
} from '../../../../src/scanner/research/output/research-store.ts';
import type { ResearchSummary } from '../../../../src/scanner/research/output/research-summary.ts';
import { researchReportLines } from '../../../../src/scanner/research/output/research-report.ts';
import type { RegimeSummary } from '../../../../src/scanner/research/tasks/regime-task.ts';
import { makeTempRoot } from '../../../support/temp-root.ts';

const regime = (label: string, asOf: string): RegimeSummary => ({
  label,
  probability: 0.9,
  as_of: asOf,
  previous: null,
  changed: false,
  states: 3,
  labels: ['calm', 'normal', 'stressed'],
  level_source: 'VIXY close',
  trained: {
    from: '2014-05-01',
    through: asOf,
    observations: 2500,
    iterations: 40,
    converged: true,
  },
  occupancy: [1000, 1000, 500],
  file: 'data/research/regime/model.json',
  note: null,
});

const summary = (date: string, over: Partial<ResearchSummary>): ResearchSummary => ({
  date,
  generated_at: `${date}T20:30:00.000Z`,
  as_of: null,
  seed: 17,
  tasks: ['regime'],
  universe: { source: 'static', symbols: 36, scanned: 36 },
  strategies: ['gap_fill'],
  workers: 1,
  notes: [],
  timings_ms: { total: 1000 },
  ...over,
});

describe('research store', () => {
  let store: Store;
  let cleanup: () => void;
  beforeEach(() => {
    const temp = makeTempRoot('strikeline-research-store-');
    cleanup = temp.cleanup;
    store = openStore(temp.root);
  });
  afterEach(async () => {
    await store.close();
    cleanup();
  });

  it("keeps every task's newest section under latest, with its date, and each run by date", async () => {
    expect(readResearchSummary(store)).toBeUndefined();
    await saveResearchSummary(
      store,
      summary('2024-04-29', { tasks: ['regime'], regime: regime('calm', '2024-04-29') }),
    );
    await saveResearchSummary(store, summary('2024-04-30', { tasks: ['verdicts'] }));
    const latest = readResearchSummary(store);
    expect(latest?.date).toBe('2024-04-30');
    expect(latest?.regime?.label).toBe('calm');
    expect(latest?.task_dates).toEqual({ regime: '2024-04-29', verdicts: '2024-04-30' });
    expect(
      store.table<ResearchSummary>(RESEARCH_TABLE).get('run:2024-04-30')?.regime,
    ).toBeUndefined();
    expect(researchReportLines(latest!)[1]).toMatch(
      /^ {2}regime {6}calm \(p 0\.90\) as of 2024-04-29/,
    );
  });

  it('logs regime changes in order', async () => {
    await logRegimeChange(store, {
      date: '2024-04-29',
      regime: 'stressed',
      previous: 'calm',
      probability: 0.8,
      recordedAt: '2024-04-29T20:30:00.000Z',
    });
    await logRegimeChange(store, {
      date: '2024-04-30',
      regime: 'normal',
      previous: 'stressed',
      probability: 0.7,
      recordedAt: '2024-04-30T20:30:00.000Z',
    });
    expect(regimeLog(store).map((c) => [c.date, c.previous, c.regime])).toEqual([
      ['2024-04-29', 'calm', 'stressed'],
      ['2024-04-30', 'stressed', 'normal'],
    ]);
  });
});
