/** @module The protection planner operator: folds daemon inputs into the holdings and emits each step's commands and events. */
import { scan, type OperatorFunction } from 'rxjs';
import type { Envelope } from '../domain/holdings/daemon-inputs.ts';
import type { HoldingsOptions, HoldingsState } from '../domain/holdings/draft.ts';
import { reduceHoldings, type HoldingsStep } from '../domain/holdings/reducer.ts';

/**
 * One step per input: the new holdings plus the broker commands (protective OCO/stop, cancels, exit sales) and
 * the events (fills, protection placed or failed, soft exits, audit repairs) that input caused.
 *
 * @example envelopes$.pipe(planHoldings(options, emptyHoldings())).subscribe(step => run(step.commands))
 */
export function planHoldings(
  options: HoldingsOptions,
  initial: HoldingsState,
): OperatorFunction<Envelope, HoldingsStep> {
  return (source) =>
    source.pipe(
      scan((step: HoldingsStep, env: Envelope) => reduceHoldings(step.state, env, options), {
        state: initial,
        commands: [],
        events: [],
      }),
    );
}
