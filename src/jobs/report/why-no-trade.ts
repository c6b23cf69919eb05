/**
 * @module "Why no trade" (issue 14), for the report, the digest and the dashboard: the day's last live trade run's
 * regime and funnel (overall and per strategy), every rejection with its stage and reason, what was bought, and
 * the signals still pending (blocked by risk, cash or heat, retried at the next runs).
 */
import type { Store } from '../../domain/store.ts';
import {
  funnelRuns,
  type FunnelCounts,
  type FunnelRejection,
  type FunnelRun,
} from '../../records/funnel-log.ts';
import { pendingSignals } from '../../records/pending-signals.ts';

export interface PendingLine {
  readonly ticker: string;
  readonly strategy: string;
  readonly firstDay: string;
  readonly reasonCode: string;
  readonly reason: string;
  readonly retries: number;
}

export interface WhyNoTrade {
  /** The day's last live trade run, or null when `trade` placed nothing through the pipeline today. */
  readonly run: {
    readonly regime: FunnelRun['regime'];
    readonly funnel: FunnelCounts;
    readonly byStrategy: Readonly<Record<string, FunnelCounts>>;
    readonly rejections: readonly FunnelRejection[];
    readonly executed: FunnelRun['executed'];
  } | null;
  readonly runs: number;
  readonly pending: readonly PendingLine[];
}

export function whyNoTrade(store: Store, day: string): WhyNoTrade {
  const runs = funnelRuns(store, day);
  const last = runs.at(-1);
  const pending = pendingSignals(store)
    .filter((p) => p.status === 'pending')
    .map((p): PendingLine => ({
      ticker: p.signal.ticker,
      strategy: p.signal.strategy,
      firstDay: p.firstDay,
      reasonCode: p.reasonCode,
      reason: p.reason,
      retries: p.retries,
    }));
  return {
    run:
      last === undefined
        ? null
        : {
            regime: last.regime,
            funnel: last.funnel,
            byStrategy: last.by_strategy,
            rejections: last.rejections,
            executed: last.executed,
          },
    runs: runs.length,
    pending,
  };
}

export const funnelLine = (f: FunnelCounts): string =>
  `raw ${f.raw} -> regime ${f.regime} -> correlation ${f.correlation} -> risk ${f.risk} -> executed ${f.executed}`;

/** The section as text lines (the report's terminal text and the digest's plain-text body). */
export function whyNoTradeText(w: WhyNoTrade | undefined): string[] {
  if (w === undefined) return [];
  const out = ['', 'Why no trade'];
  if (w.run === null) out.push('  no trade run today');
  else {
    const r = w.run;
    out.push(
      `  VIX ${r.regime.vix.toFixed(2)} (${r.regime.source}): ${r.regime.name} regime, heat limit ${r.regime.heat_limit_pct}%`,
    );
    out.push(`  funnel: ${funnelLine(r.funnel)}${w.runs > 1 ? ` (last of ${w.runs} runs)` : ''}`);
    for (const [s, f] of Object.entries(r.byStrategy)) out.push(`    ${s}: ${funnelLine(f)}`);
    for (const x of r.rejections)
      out.push(
        `  ${x.ticker} ${x.strategy}: ${x.stage} ${x.reason_code}: ${x.reason}${x.details === null ? '' : ` ${JSON.stringify(x.details)}`}`,
      );
    for (const x of r.executed)
      out.push(`  ${x.ticker} ${x.strategy}: executed, $${x.notional.toFixed(2)}`);
  }
  out.push(
    w.pending.length === 0 ? '  pending signals: none' : `  pending signals (${w.pending.length}):`,
  );
  for (const p of w.pending)
    out.push(
      `    ${p.ticker} ${p.strategy}: since ${p.firstDay}, ${p.reasonCode} (${p.reason}), retried ${p.retries}x`,
    );
  return out;
}

/** The section's lines without its heading and indent (the HTML report's and the dashboard's). */
export const whyNoTradeLines = (w: WhyNoTrade): string[] =>
  whyNoTradeText(w)
    .slice(2)
    .map((l) => l.replace(/^ {2}/, ''));

/** The section as HTML (escaped by the caller's escape function). */
export function whyNoTradeHtml(w: WhyNoTrade | undefined, e: (s: string) => string): string {
  if (w === undefined) return '';
  return `<h2>Why no trade</h2>\n<pre>${whyNoTradeLines(w).map(e).join('\n')}</pre>\n`;
}
