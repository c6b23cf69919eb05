/**
 * @module The research in a few lines, for the end-of-day report and the command's own output: the regime, the
 * honest verdicts against the old rule and the control, the walk-forward results, the discovered rules.
 */
import type { ResearchSummary } from './research-summary.ts';

const pct = (x: number): string => `${x.toFixed(1)}%`;

export function researchReportLines(s: ResearchSummary): string[] {
  const lines = [
    `research ${s.date} (seed ${s.seed}; ${s.tasks.join(', ')}; ${s.universe.scanned} tickers)`,
  ];
  if (s.regime !== undefined) {
    const r = s.regime;
    lines.push(
      `  regime      ${r.label} (p ${r.probability.toFixed(2)}) as of ${r.as_of}${r.changed ? `, changed from ${r.previous ?? '?'}` : ''}; ${r.states} states over ${r.trained.observations} sessions (${r.level_source})`,
    );
  }
  if (s.verdicts !== undefined) {
    const v = s.verdicts;
    lines.push(
      `  verdicts    honest: ${v.honest.tries.count} of ${v.tries} tries PROFITABLE (${pct(v.honest.tries.pct)}), ${v.honest.tickers.count} of ${v.tickers} tickers; old rule: ${v.lax.tries.count} (${pct(v.lax.tries.pct)}), ${v.lax.tickers.count} tickers; random-entry control: ${v.control.tickers.count} of ${v.tickers} tickers (${pct(v.control.tickers.pct)})`,
    );
  }
  for (const w of [s.wfo, s.ga]) {
    if (w === undefined) continue;
    lines.push(
      `  ${w.optimizer === 'grid' ? 'wfo (grid)' : 'wfo (ga)  '}  ${w.profitable.count} of ${w.profitable.of} strategy x ticker PROFITABLE out of sample; ${w.computed} computed, ${w.reused} reused, ${w.failed.length} failed; ${w.evaluations} parameter sets backtested`,
    );
  }
  if (s.gp !== undefined) {
    const g = s.gp;
    lines.push(
      `  gp          ${g.saved.length} of ${g.validated.length} rules survived out of sample; checkpoints ${g.checkpoints.loaded}/${g.checkpoints.found} loaded`,
    );
    for (const c of g.validated)
      lines.push(
        `    ${c.survived ? 'kept   ' : 'dropped'} ${c.id} ${c.expression} (OOS ${c.oos_trades} trades, excess ${c.oos_excess_return_pct.toFixed(2)}%, q ${c.oos_q_value.toPrecision(2)})`,
      );
  }
  return lines;
}
