/**
 * Each verdict threshold in config is honoured: changing scanner.min_trades, scanner.verdict.fdr_pct,
 * scanner.verdict.max_drawdown_pct or scanner.verdict.min_excess_return_pct changes the verdict of a try
 * that sits between the two settings, with the reason naming the rule.
 */
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../../src/config/schema.ts';
import { judgeFamily, type Judged } from '../../../../src/scanner/research/verdict/judge-family.ts';
import type { VerdictEvidence } from '../../../../src/scanner/research/verdict/verdict-evidence.ts';
import { verdictRules } from '../../../../src/scanner/research/verdict/verdict-rules.ts';

const evidence = (over: Partial<VerdictEvidence> = {}): VerdictEvidence => ({
  oosFrom: '2015-01-02',
  trades: 40,
  buyHoldDailyPct: 0.03,
  benchmarkPct: 0.15,
  excessReturnPct: 0.8,
  excessSdPct: 2,
  tStat: 2.53,
  pValue: 0.004,
  exposurePct: 20,
  ...over,
});

const judged = (e: Partial<VerdictEvidence> = {}, maxDrawdownPct = 12): Judged => ({
  evidence: evidence(e),
  maxDrawdownPct,
});

/** The try under test followed by `others` tries with no evidence at all (p = 1): the family it is judged in. */
function verdictOf(scanner: Record<string, unknown>, x: Judged, others = 9) {
  const rules = verdictRules(configSchema.parse({ scanner }));
  const family = [
    x,
    ...Array.from({ length: others }, () => judged({ pValue: 1, excessReturnPct: -0.2 })),
  ];
  return judgeFamily(family, rules)[0];
}

describe('verdict thresholds from config', () => {
  it('defaults: PROFITABLE for 40 trades, 0.8% excess, 12% drawdown, p 0.004 among 10 tries (q 0.04)', () => {
    expect(verdictOf({}, judged())).toEqual({
      verdict: 'PROFITABLE',
      reason: 'edge',
      qValue: 0.04,
      familySize: 10,
    });
  });

  it('scanner.min_trades', () => {
    expect(verdictOf({ min_trades: 40 }, judged())?.verdict).toBe('PROFITABLE');
    expect(verdictOf({ min_trades: 41 }, judged())).toMatchObject({
      verdict: 'UNPROFITABLE',
      reason: 'too_few_trades',
    });
  });

  it('scanner.verdict.fdr_pct (Benjamini–Hochberg across the family)', () => {
    expect(verdictOf({ verdict: { fdr_pct: 3 } }, judged())).toMatchObject({
      verdict: 'UNPROFITABLE',
      reason: 'not_significant',
    });
    expect(verdictOf({ verdict: { fdr_pct: 4 } }, judged())?.verdict).toBe('PROFITABLE');
    // The same p-value in a family twice as large needs twice the rate.
    expect(verdictOf({ verdict: { fdr_pct: 5 } }, judged(), 19)).toMatchObject({
      reason: 'not_significant',
    });
    expect(verdictOf({ verdict: { fdr_pct: 8 } }, judged(), 19)?.verdict).toBe('PROFITABLE');
  });

  it('scanner.verdict.max_drawdown_pct', () => {
    expect(verdictOf({ verdict: { max_drawdown_pct: 12 } }, judged())?.verdict).toBe('PROFITABLE');
    expect(verdictOf({ verdict: { max_drawdown_pct: 11.9 } }, judged())).toMatchObject({
      verdict: 'UNPROFITABLE',
      reason: 'drawdown',
    });
  });

  it('scanner.verdict.min_excess_return_pct', () => {
    expect(verdictOf({ verdict: { min_excess_return_pct: 0.79 } }, judged())?.verdict).toBe(
      'PROFITABLE',
    );
    expect(verdictOf({ verdict: { min_excess_return_pct: 0.8 } }, judged())).toMatchObject({
      verdict: 'UNPROFITABLE',
      reason: 'no_excess_return',
    });
  });

  it('never calls a try without excess return PROFITABLE, however significant its p-value claims', () => {
    expect(verdictOf({}, judged({ excessReturnPct: -0.1, pValue: 0 }))).toMatchObject({
      reason: 'no_excess_return',
    });
  });
});
