/**
 * @module The daemon's own orders (protective, exit) counted toward the order kill conditions: each order once,
 * a later word on it (accepted then rejected, unclear then found placed) revising its count rather than adding one.
 */
import { riskLimitsOf } from '../../config/risk-limits.ts';
import type { DaemonOrderWord } from '../../domain/rules/risk/daemon-order-outcomes.ts';
import type { OrderOutcomeKind } from '../../domain/rules/risk/order-breakers.ts';
import type { RiskChange } from '../../domain/rules/risk/risk-book.ts';
import { nyDate } from '../../domain/time/ny-dates.ts';
import { recordOrderOutcome } from '../../procedures/record-order-outcome.ts';
import type { Deps } from '../deps.ts';

/** Orders remembered for a later word: far more than a day of protective orders sends. */
const REMEMBERED = 2_000;

export interface OrderCounter {
  record(word: DaemonOrderWord): Promise<RiskChange | null>;
}

export function orderCounter(deps: Deps): OrderCounter {
  const counted = new Map<string, OrderOutcomeKind>();
  return {
    record: async (word) => {
      if (word.outcome === 'forget') {
        counted.delete(word.clientOrderId);
        return null;
      }
      const earlier = counted.get(word.clientOrderId);
      counted.delete(word.clientOrderId);
      // A rejection stays one: a later acceptance of the same id (never expected) does not make room for another.
      counted.set(word.clientOrderId, earlier === 'rejected' ? 'rejected' : word.outcome);
      if (counted.size > REMEMBERED) counted.delete(counted.keys().next().value as string);
      const now = deps.clock.now();
      return recordOrderOutcome(word.outcome, earlier, {
        store: deps.store, mailer: deps.mailer, events: deps.events, log: deps.log, actor: 'daemon', limits: riskLimitsOf(deps.config), now, day: nyDate(now),
      });
    },
  };
}
