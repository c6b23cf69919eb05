/** @module What `strikeline rank` prints: the kept signals as a table and the drops counted by reason. */
import type { RankJobResult } from './rank-job.ts';
import { DROP_REASONS } from './rank-signals.ts';
import { pct, priceText, ratio, textTable } from '../format/text-table.ts';

export function renderRankSummary(r: RankJobResult): string {
  const out: string[] = [];
  if (!r.dirExists)
    out.push(`no signal logs: folder not found (run strikeline scan, or write logs there)`);
  const malformed = r.problems.filter((p) => p.fileSkipped).length;
  const badLines = r.problems.length - malformed;
  out.push(
    `rank ${r.asOf}: ${r.files} logs read, ${malformed} malformed files skipped, ${badLines} malformed lines skipped`,
  );
  const drops = DROP_REASONS.filter((k) => r.droppedByReason[k] !== undefined)
    .map((k) => `${k} ${r.droppedByReason[k] ?? 0}`)
    .join(', ');
  out.push(
    `kept ${r.ranked.length}; dropped ${r.dropped.length}${drops === '' ? '' : ` (${drops})`}`,
  );
  for (const p of r.problems) out.push(`  skipped ${p.file}: ${p.reason}`);
  for (const d of r.dropped.filter((x) => x.reason !== 'not_in_trade'))
    out.push(`  dropped ${d.ticker} (${d.strategy}): ${d.reason}: ${d.detail}`);
  if (r.ranked.length > 0) {
    out.push(
      textTable(
        [
          { header: 'rank', align: 'right' },
          { header: 'ticker' },
          { header: 'strategy' },
          { header: 'win rate', align: 'right' },
          { header: 'pf', align: 'right' },
          { header: 'trades', align: 'right' },
          { header: 'avg ret', align: 'right' },
          { header: 'signal' },
          { header: 'price', align: 'right' },
        ],
        r.ranked.map((s) => [
          String(s.rank),
          s.ticker,
          s.strategy,
          pct(s.winRate, false, 1),
          ratio(s.profitFactor),
          String(s.trades),
          `${s.avgReturnPct.toFixed(2)}%`,
          s.signalDate,
          priceText(s.price),
        ]),
      ),
    );
  }
  out.push(`wrote ${r.csvPath}`);
  return `${out.join('\n')}\n`;
}
