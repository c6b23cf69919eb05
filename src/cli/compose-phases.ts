/** @module The daemon's phase-task ports (docs/phases.md): OVERNIGHT checkpoints beside the state, and the research's regime model. */
import { dirCheckpoints } from '../adapters/checkpoints/dir-checkpoints.ts';
import type { RegimeSource } from '../domain/phases/phase-ports.ts';
import type { Store } from '../domain/store.ts';
import { currentRegime } from '../scanner/research/regime/current-regime.ts';
import type { PhasePorts } from '../streams/phases/phase-tasks.ts';
import type { Context } from './context.ts';

/**
 * The regime model the last `strikeline research` trained (data/research/regime/model.json), read each time the
 * task runs; a file of another version throws RegimeModelError (the task fails with it, never misreads).
 */
export const modelRegime = (dataDir: string): RegimeSource => ({
  current: () => {
    const r = currentRegime(dataDir);
    return r === null ? null : { label: r.label, probability: r.probability, asOf: r.asOf };
  },
});

export const composePhasePorts = (ctx: Context, store: Store): PhasePorts => ({
  checkpoints: dirCheckpoints(ctx.paths.checkpoints, store),
  regime: modelRegime(ctx.paths.data),
});
