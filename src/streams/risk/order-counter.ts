/**
 * @module The daemon's own orders (protective, exit) counted toward the order kill conditions: each order once,
 * a later word on it (accepted then rejected, unclear then found placed) revising its count rather than adding one;
 * a retry under the id of a rejected order (which the broker never created) is a new order.
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
      // A rejected order does not exist at the broker: a word after it on the same client id is a new order (a retry).
      const known = counted.get(word.clientOrderId);
      const earlier = known === 'rejected' ? undefined : known;
      counted.delete(word.clientOrderId);
      counted.set(
        word.clientOrderId,
        earlier === 'accepted' && word.outcome !== 'rejected' ? 'accepted' : word.outcome,
      );
      if (counted.size > REMEMBERED) counted.delete(counted.keys().next().value as string);
      const now = deps.clock.now();
      return recordOrderOutcome(word.outcome, earlier, {
        store: deps.store,
        mailer: deps.mailer,
        events: deps.events,
        log: deps.log,
        actor: 'daemon',
        limits: riskLimitsOf(deps.config),
        now,
        day: nyDate(now),
      });
    },
  };
}
