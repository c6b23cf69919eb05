/**
 * @module A promoted candidate as a scanner strategy: its rule's signals, counted only from the first session
 * after its in-sample period (the scanner's verdict never sees the data the rule was fitted on).
 */
import { addDays } from '../../../domain/time/ny-time.ts';
import type { Strategy } from '../../strategies/strategy.ts';
import { featureColumns, ruleSignals, type Rule } from './rule.ts';

/** What the scanner needs of a candidate (plain data: it travels to the scan's worker threads). */
export interface PromotedRule {
  readonly id: `gp_${string}`;
  readonly expression: string;
  readonly rule: Rule;
  readonly warmup: number;
  readonly inSampleThrough: string;
}

export function gpStrategy(p: PromotedRule): Strategy {
  return {
    name: p.id,
    rule: p.expression,
    warmup: p.warmup,
    outOfSampleFrom: addDays(p.inSampleThrough, 1),
    unavailable: () => null,
    signals: (s, ctx) => ruleSignals(p.rule, s.close.length, featureColumns(s, ctx.indicators(s))),
  };
}
