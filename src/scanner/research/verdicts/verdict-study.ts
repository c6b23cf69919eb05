/**
 * @module The verdict study (`strikeline research --task verdicts`): how many strategy x ticker tries keep a
 * PROFITABLE verdict under the honest rules against the rule the scanner used before (a positive expectancy
 * over 5 trades, measured in sample against zero), and the random-entry control's false-positive rate.
 */
import { judgeFamily, type VerdictReason } from '../verdict/judge-family.ts';
import type { VerdictRules } from '../verdict/verdict-rules.ts';
import type { StudyOutcome } from './control-ticker.ts';

/** The scanner's verdict before issue 17: expectancy > 0 over at least this many trades. */
export const LAX_MIN_TRADES = 5;

export interface Share {
  readonly count: number;
  readonly of: number;
  readonly pct: number;
}

export interface VerdictStudy {
  /** Strategy x ticker tries (the family). */
  readonly tries: number;
  readonly tickers: number;
  readonly honest: { readonly tries: Share; readonly tickers: Share };
  readonly lax: { readonly tries: Share; readonly tickers: Share };
  readonly control: { readonly tries: Share; readonly tickers: Share };
  readonly reasons: Readonly<Record<VerdictReason, number>>;
  /** Every PROFITABLE try under the honest rules. */
  readonly profitable: ReadonlyArray<{
    readonly symbol: string;
    readonly strategy: string;
    readonly qValue: number;
  }>;
}

const share = (count: number, of: number): Share => ({
  count,
  of,
  pct: of === 0 ? 0 : (100 * count) / of,
});

function tickerShare(outcomes: readonly StudyOutcome[], hit: readonly boolean[]): Share {
  const all = new Set(outcomes.map((o) => o.symbol));
  const yes = new Set(outcomes.filter((_, i) => hit[i] === true).map((o) => o.symbol));
  return share(yes.size, all.size);
}

export function verdictStudy(outcomes: readonly StudyOutcome[], rules: VerdictRules): VerdictStudy {
  const honest = judgeFamily(outcomes, rules);
  const control = judgeFamily(
    outcomes.map((o) => o.control),
    rules,
  );
  const honestHit = honest.map((d) => d.verdict === 'PROFITABLE');
  const controlHit = control.map((d) => d.verdict === 'PROFITABLE');
  const laxHit = outcomes.map((o) => o.stats.trades >= LAX_MIN_TRADES && o.stats.expectancyUsd > 0);
  const count = (xs: readonly boolean[]) => xs.filter(Boolean).length;
  const reasons = {
    edge: 0,
    too_few_trades: 0,
    no_excess_return: 0,
    drawdown: 0,
    not_significant: 0,
  };
  for (const d of honest) reasons[d.reason] += 1;
  const n = outcomes.length;
  return {
    tries: n,
    tickers: new Set(outcomes.map((o) => o.symbol)).size,
    honest: { tries: share(count(honestHit), n), tickers: tickerShare(outcomes, honestHit) },
    lax: { tries: share(count(laxHit), n), tickers: tickerShare(outcomes, laxHit) },
    control: { tries: share(count(controlHit), n), tickers: tickerShare(outcomes, controlHit) },
    reasons,
    profitable: outcomes.flatMap((o, i) =>
      honestHit[i] === true
        ? [{ symbol: o.symbol, strategy: o.strategy, qValue: honest[i]?.qValue ?? 1 }]
        : [],
    ),
  };
}
