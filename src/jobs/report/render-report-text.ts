/** @module The report as terminal text (also the plain-text body of the email). */
import type { ReportData } from './report-data.ts';
import { pct, priceText, ratio, textTable, usd } from '../format/text-table.ts';
import { metricsCaveat } from './metrics-caveat.ts';
import { researchLines } from './report-research.ts';
import { exitText, holdingText, stampText } from './trade-text.ts';

/** One row per strategy, then the total: only when there is more than one strategy (else it repeats the row). */
export const strategyRows = (
  t: ReportData['metrics']['trades'],
): ReportData['metrics']['trades']['byStrategy'] =>
  t.byStrategy.length === 1 ? t.byStrategy : [...t.byStrategy, t.overall];
import { whyNoTradeText } from './why-no-trade.ts';

const qtyText = (q: number): string => (Number.isInteger(q) ? String(q) : q.toFixed(4));
const priceOrDash = (p: number | null): string => (p === null ? '-' : priceText(p));
const age = (days: number | null): string =>
  days === null ? '?' : days < 1 ? `${Math.round(days * 24)}h` : `${days.toFixed(1)}d`;
/** Milliseconds with one decimal below 100 ms (where the daemon's latency lives), whole above. */
export const latencyMs = (v: number | null): string =>
  v === null ? '-' : v < 100 ? v.toFixed(1) : String(Math.round(v));

export function protectionText(p: ReportData['positions'][number]['protection']): string {
  const prices = [
    p.stopPrice === null ? '' : `stop ${priceText(p.stopPrice)}`,
    p.targetPrice === null ? '' : `target ${priceText(p.targetPrice)}`,
  ]
    .filter(Boolean)
    .join(' / ');
  const state = p.dayStopExpired ? 'protected' : p.state;
  const note = p.dayStopExpired
    ? '; fraction DAY stop expired at the close, re-armed at the open'
    : '';
  return `${state}${prices === '' ? '' : ` (${prices})`}${note}`;
}

export function renderReportText(r: ReportData): string {
  const a = r.account;
  const out: string[] = [];
  out.push(
    `strikeline report ${r.day}${r.tradingDay ? '' : ' (market closed today)'}, generated ${r.generatedAt}`,
  );
  out.push('');
  out.push(
    `equity ${usd(a.equity)}   cash ${usd(a.cash)}   last equity ${usd(a.lastEquity)}   day P/L ${usd(a.dayPl, true)} (${pct(a.dayPlPct, true)})   buying power ${usd(a.buyingPower)}`,
  );
  out.push('');
  out.push(
    `open positions: ${r.totals.positions}, value ${usd(r.totals.marketValue)}, unrealized ${usd(r.totals.unrealizedPl, true)}${r.totals.unprotected > 0 ? `, ${r.totals.unprotected} NOT fully protected` : ''}`,
  );
  if (r.positions.length > 0) {
    out.push(
      textTable(
        [
          { header: 'symbol' },
          { header: 'qty', align: 'right' },
          { header: 'entry', align: 'right' },
          { header: 'last', align: 'right' },
          { header: 'value', align: 'right' },
          { header: 'P/L', align: 'right' },
          { header: 'P/L %', align: 'right' },
          { header: 'protection' },
          { header: 'age', align: 'right' },
          { header: 'strategy' },
        ],
        r.positions.map((p) => [
          p.symbol,
          qtyText(p.qty),
          priceOrDash(p.avgEntryPrice),
          priceOrDash(p.currentPrice),
          usd(p.marketValue),
          usd(p.unrealizedPl, true),
          pct(p.unrealizedPlPct, true),
          protectionText(p.protection),
          age(p.ageDays),
          p.strategy ?? '-',
        ]),
      ),
    );
  }
  out.push('');
  out.push(
    `closed today: ${r.closedTrades.length}, realized ${usd(r.realizedPl, true)} (average-cost method)`,
  );
  if (r.closedTrades.length > 0) {
    out.push(
      textTable(
        [
          { header: 'symbol' },
          { header: 'qty', align: 'right' },
          { header: 'entry', align: 'right' },
          { header: 'exit', align: 'right' },
          { header: 'realized', align: 'right' },
          { header: '%', align: 'right' },
          { header: 'net of costs', align: 'right' },
          { header: 'opened' },
          { header: 'closed' },
          { header: 'held', align: 'right' },
          { header: 'exit' },
          { header: 'strategy' },
        ],
        r.closedTrades.map((t) => [
          t.symbol,
          qtyText(t.qty),
          priceOrDash(t.entryPrice),
          priceOrDash(t.exitPrice),
          t.realizedPl === null ? 'entry unknown' : usd(t.realizedPl, true),
          pct(t.realizedPlPct, true),
          t.netPl === null ? '-' : usd(t.netPl, true),
          stampText(t.entryAt),
          stampText(t.filledAt),
          holdingText(t.holdingMs),
          exitText(t),
          t.strategy ?? '-',
        ]),
      ),
    );
  }
  out.push('');
  out.push(
    `protection placed today, with fill -> protection latency: ${r.protections.length} protective orders`,
  );
  if (r.protections.length > 0) {
    out.push(
      textTable(
        [
          { header: 'symbol' },
          { header: 'order' },
          { header: 'at' },
          { header: 'qty', align: 'right' },
          { header: 'entry', align: 'right' },
          { header: 'stop', align: 'right' },
          { header: 'target', align: 'right' },
          { header: 'sent ms', align: 'right' },
          { header: 'ack ms', align: 'right' },
        ],
        r.protections.map((p) => [
          p.symbol,
          p.what,
          p.at.slice(11, 19),
          p.qty === null ? '-' : qtyText(p.qty),
          priceOrDash(p.entryPrice),
          priceOrDash(p.stopPrice),
          priceOrDash(p.takeProfitPrice),
          latencyMs(p.latencySentMs),
          latencyMs(p.latencyAckMs),
        ]),
      ),
    );
  }
  const m = r.metrics;
  out.push('');
  out.push(
    `metrics: equity history ${m.equity.points} days${m.equity.from === null ? '' : ` (${m.equity.from} .. ${m.equity.to ?? ''})`}: total return ${pct(m.equity.totalReturn, true)}, Sharpe ${ratio(m.equity.sharpe)}, Sortino ${ratio(m.equity.sortino)}, Calmar ${ratio(m.equity.calmar)}, max drawdown ${pct(m.equity.maxDrawdown)}`,
  );
  const caveat = metricsCaveat(m);
  if (caveat !== null) out.push(caveat);
  out.push(
    `trades net of ${m.costModel.slippageBps} bps slippage + $${m.costModel.commissionPerShare}/share per fill:`,
  );
  out.push(
    textTable(
      [
        { header: 'strategy' },
        { header: 'trades', align: 'right' },
        { header: 'win rate', align: 'right' },
        { header: 'profit factor', align: 'right' },
        { header: 'gross', align: 'right' },
        { header: 'costs', align: 'right' },
        { header: 'net', align: 'right' },
      ],
      strategyRows(m.trades).map((s) => [
        s.strategy,
        String(s.trades),
        pct(s.winRate, false, 1),
        ratio(s.profitFactor),
        usd(s.grossPl, true),
        usd(s.modelCosts),
        usd(s.netPl, true),
      ]),
    ),
  );
  out.push(...whyNoTradeText(r.whyNoTrade));
  if (r.research !== undefined)
    out.push('', 'research:', ...researchLines(r.research).map((l) => `  ${l}`));
  return `${out.join('\n')}\n`;
}
