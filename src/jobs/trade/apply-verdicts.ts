/**
 * @module The risk authority over the plan, pure: each entry is stopped (a skip naming the breaker), scaled
 * (drawdown: the amount times the size scalar, whole shares floored) or left as planned.
 */
import { floorCents } from '../../domain/rules/allocation.ts';
import { entryVerdict, type RiskView } from '../../domain/rules/risk/risk-view.ts';
import { MIN_NOTIONAL, type PlanItem } from './plan-entries.ts';

export function applyVerdicts(items: readonly PlanItem[], view: RiskView): PlanItem[] {
  return items.map((item): PlanItem => {
    if (item.kind !== 'buy') return item;
    const v = entryVerdict(view, item.signal.strategy);
    if (v.kind === 'go') return item;
    if (v.kind === 'stop') return { kind: 'skip', signal: item.signal, reason: `stopped by ${v.reason}` };
    const scaled = `scaled x${v.scalar} by ${v.reason}`;
    if (item.notional !== undefined) {
      const notional = floorCents(item.notional * v.scalar);
      return notional < MIN_NOTIONAL
        ? { kind: 'skip', signal: item.signal, reason: `${scaled}: $${notional.toFixed(2)} is below the $1 minimum` }
        : { ...item, allocation: floorCents(item.allocation * v.scalar), notional, riskNote: scaled };
    }
    const qty = Math.floor((item.qty ?? 0) * v.scalar);
    return qty < 1
      ? { kind: 'skip', signal: item.signal, reason: `${scaled}: less than one whole share` }
      : { ...item, allocation: floorCents(item.allocation * v.scalar), qty, riskNote: scaled };
  });
}
