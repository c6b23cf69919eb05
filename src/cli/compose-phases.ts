/** @module The daemon's phase-task ports (docs/phases.md): OVERNIGHT checkpoints beside the state, and the research's regime. */
import { dirCheckpoints } from '../adapters/checkpoints/dir-checkpoints.ts';
import type { RegimeSource } from '../domain/phases/phase-ports.ts';
import type { Store } from '../domain/store.ts';
import { readResearchSummary } from '../scanner/research/output/research-store.ts';
import type { PhasePorts } from '../streams/phases/phase-tasks.ts';
import type { Context } from './context.ts';

/** The regime the last `strikeline research` stored in LMDB. */
export const storedRegime = (store: Store): RegimeSource => ({
  current: () => {
    const r = readResearchSummary(store)?.regime;
    return r === undefined ? null : { label: r.label, probability: r.probability, asOf: r.as_of };
  },
});

export const composePhasePorts = (ctx: Context, store: Store): PhasePorts => ({
  checkpoints: dirCheckpoints(ctx.paths.checkpoints, store),
  regime: storedRegime(store),
});
