/** @module What `strikeline trade` prints: the allocation, then one row per signal with what was done and why. */
import type { Outcome } from './execute-entries.ts';
import type { PlanItem } from './plan-entries.ts';
import type { TradeJobResult } from './trade-job.ts';
import { priceText, textTable, usd } from '../format/text-table.ts';

type Done = Extract<TradeJobResult, { kind: 'done' }>;

const amountOf = (x: { notional?: number; qty?: number }): string =>
  x.notional !== undefined
    ? `${usd(x.notional)} notional`
    : x.qty !== undefined
      ? `${x.qty} sh`
      : '';

function row(item: PlanItem, outcome: Outcome | undefined, dryRun: boolean): string[] {
  const s = item.signal;
  const head = [String(s.rank), s.ticker, s.strategy];
  if (item.kind !== 'buy')
    return [...head, item.kind === 'skip' ? 'skip' : 'rejected', '', '', '', item.reason];
  const price = item.price === null ? '' : priceText(item.price);
  if (dryRun || outcome === undefined)
    return [
      ...head,
      'would buy',
      amountOf(item),
      price,
      '',
      `allocation ${usd(item.allocation)}${item.fractionable ? ' (fractionable)' : ' (whole shares)'}${item.riskNote === undefined ? '' : `; ${item.riskNote}`}`,
    ];
  const order =
    outcome.order === undefined ? '' : `${outcome.order.status} ${outcome.order.id.slice(0, 8)}`;
  const action =
    outcome.status === 'submitted'
      ? outcome.fallback
        ? 'bought (whole-share retry)'
        : 'bought'
      : outcome.status.replace('_', ' ');
  const why = item.riskNote === undefined ? outcome.reason : `${outcome.reason}; ${item.riskNote}`;
  return [...head, action, amountOf(outcome), price, order, why];
}

export function renderTradeResult(r: Done): string {
  const a = r.allocation;
  const out: string[] = [];
  out.push(`trade ${r.day}${r.dryRun ? ' (dry run: nothing sent)' : ''}`);
  if (!r.items.some((i) => i.kind !== 'skip'))
    out.push(`allocation: nothing to buy (available ${usd(a.available)}, buffer ${usd(a.buffer)})`);
  else
    out.push(
      `allocation: available ${usd(a.available)} - buffer ${usd(a.buffer)} = pool ${usd(a.pool)}; per entry ${usd(a.perEntry)} (equal share ${usd(a.equalShare)}, caps ${usd(a.capPct)} and ${usd(a.capUsd)}; limited by ${a.limitedBy})`,
    );
  for (const p of r.csvProblems) out.push(`  bad CSV row skipped: ${p}`);
  const byEntry = new Map(r.outcomes.map((o) => [o.entry.clientOrderId, o]));
  const rows = r.items.map((i) =>
    row(i, i.kind === 'buy' ? byEntry.get(i.clientOrderId) : undefined, r.dryRun),
  );
  if (rows.length === 0) out.push('no actionable signals');
  else
    out.push(
      textTable(
        [
          { header: 'rank', align: 'right' },
          { header: 'ticker' },
          { header: 'strategy' },
          { header: 'action' },
          { header: 'amount', align: 'right' },
          { header: 'price', align: 'right' },
          { header: 'order' },
          { header: 'why' },
        ],
        rows,
      ),
    );
  const count = (st: string): number => r.outcomes.filter((o) => o.status === st).length;
  if (!r.dryRun)
    out.push(
      `submitted ${count('submitted')}, stopped by the risk authority ${count('stopped')}, already done ${count('already_submitted') + count('resolved')}, rejected ${count('rejected') + r.items.filter((i) => i.kind === 'reject').length}, unknown ${count('unknown')}, skipped ${r.items.filter((i) => i.kind === 'skip').length}`,
    );
  return `${out.join('\n')}\n`;
}
