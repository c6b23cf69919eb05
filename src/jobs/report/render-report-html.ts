/**
 * @module The report as one self-contained HTML page: inline CSS, inline SVG equity curve, no script and
 * no network (a Content-Security-Policy forbids both), every string escaped.
 */
import { metricsCaveat } from './metrics-caveat.ts';
import { researchLines } from './report-research.ts';
import { equitySvg } from './equity-svg.ts';
import { escapeHtml } from '../format/html-escape.ts';
import { whyNoTradeHtml } from './why-no-trade.ts';
import type { ReportData } from './report-data.ts';
import { latencyMs, protectionText, strategyRows } from './render-report-text.ts';
import { exitText, holdingText, stampText } from './trade-text.ts';
import { pct, priceText, ratio, usd } from '../format/text-table.ts';

const CSS = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;margin:24px auto;max-width:1040px;padding:0 16px}
pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:12px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
.muted{color:#656d76}.cards{display:flex;flex-wrap:wrap;gap:12px;margin-top:16px}.card{border:1px solid #d0d7de;border-radius:8px;padding:10px 14px;min-width:150px}
.card b{display:block;font-size:18px}.pos{color:#1a7f37}.neg{color:#cf222e}.warn{color:#9a6700;font-weight:600}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}th,td{padding:5px 8px;border-bottom:1px solid #eaeef2;text-align:right;white-space:nowrap}
th{background:#f6f8fa;font-weight:600}td.l,th.l{text-align:left}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}.charts{display:flex;flex-wrap:wrap;gap:16px}.chart{flex:1 1 340px;min-width:0}.chart h3{font-size:14px;margin:4px 0}
p{overflow-wrap:anywhere}.note{background:#fff8c5;border:1px solid #d4a72c66;border-radius:6px;padding:6px 10px}
@media (max-width:600px){body{margin:12px auto;padding:0 10px;font-size:13px}.cards{gap:8px}.card{min-width:0;flex:1 1 40%;padding:8px 10px}.card b{font-size:16px}
thead{display:none}table,tbody,tr,td{display:block}tr{border:1px solid #d0d7de;border-radius:8px;margin:0 0 10px;padding:4px 10px}
td,td.l{display:flex;justify-content:space-between;gap:12px;text-align:right;white-space:normal;padding:3px 0;border-bottom:1px solid #f0f2f4}td:last-child{border-bottom:0}
td::before{content:attr(data-label);color:#656d76;text-align:left;white-space:nowrap}}`;

type Cell = string | { readonly text: string; readonly cls?: string };

const e = escapeHtml;
const signed = (n: number | null): string => (n === null ? '' : n > 0 ? 'pos' : n < 0 ? 'neg' : '');
const price = (p: number | null): string => (p === null ? '-' : priceText(p));
const qty = (q: number | null): string =>
  q === null ? '-' : Number.isInteger(q) ? String(q) : q.toFixed(4);

function table(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  leftCols: readonly number[] = [0],
): string {
  if (rows.length === 0) return '<p class="muted">none</p>';
  const th = headers
    .map((h, i) => `<th${leftCols.includes(i) ? ' class="l"' : ''}>${e(h)}</th>`)
    .join('');
  const tr = rows
    .map(
      (r) =>
        `<tr>${r
          .map((c, i) => {
            const cell = typeof c === 'string' ? { text: c } : c;
            const cls = [leftCols.includes(i) ? 'l' : '', cell.cls ?? ''].filter(Boolean).join(' ');
            // The header rides on each cell: a phone shows every row as a card of label-value lines.
            return `<td data-label="${e(headers[i] ?? '')}"${cls === '' ? '' : ` class="${cls}"`}>${e(cell.text)}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  // On a phone each row becomes a card (see the CSS); the box still scrolls rather than the page, should a value be long.
  return `<div class="scroll"><table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table></div>`;
}

function card(label: string, value: string, cls = ''): string {
  return `<div class="card"><span class="muted">${e(label)}</span><b class="${cls}">${e(value)}</b></div>`;
}

export function renderReportHtml(r: ReportData): string {
  const a = r.account;
  const m = r.metrics;
  const positions = table(
    [
      'symbol',
      'qty',
      'entry',
      'last',
      'value',
      'P/L',
      'P/L %',
      'protection',
      'age (days)',
      'strategy',
    ],
    r.positions.map((p) => [
      p.symbol,
      qty(p.qty),
      price(p.avgEntryPrice),
      price(p.currentPrice),
      usd(p.marketValue),
      { text: usd(p.unrealizedPl, true), cls: signed(p.unrealizedPl) },
      { text: pct(p.unrealizedPlPct, true), cls: signed(p.unrealizedPlPct) },
      {
        text: protectionText(p.protection),
        cls: p.protection.state === 'protected' || p.protection.dayStopExpired ? '' : 'warn',
      },
      p.ageDays === null ? '?' : p.ageDays.toFixed(1),
      p.strategy ?? '-',
    ]),
    [0, 7, 9],
  );
  const closed = table(
    [
      'symbol',
      'qty',
      'entry',
      'exit',
      'realized',
      '%',
      'net of costs',
      'opened',
      'closed',
      'held',
      'exit reason',
      'strategy',
    ],
    r.closedTrades.map((t) => [
      t.symbol,
      qty(t.qty),
      price(t.entryPrice),
      price(t.exitPrice),
      {
        text: t.realizedPl === null ? 'entry unknown' : usd(t.realizedPl, true),
        cls: signed(t.realizedPl),
      },
      pct(t.realizedPlPct, true),
      { text: t.netPl === null ? '-' : usd(t.netPl, true), cls: signed(t.netPl) },
      stampText(t.entryAt),
      stampText(t.filledAt),
      holdingText(t.holdingMs),
      exitText(t),
      t.strategy ?? '-',
    ]),
    [0, 10, 11],
  );
  const latency = table(
    [
      'symbol',
      'order',
      'at',
      'qty',
      'entry',
      'stop',
      'target',
      'fill → sent (ms)',
      'fill → ack (ms)',
    ],
    r.protections.map((p) => [
      p.symbol,
      p.what,
      p.at.slice(11, 19),
      qty(p.qty),
      price(p.entryPrice),
      price(p.stopPrice),
      price(p.takeProfitPrice),
      latencyMs(p.latencySentMs),
      latencyMs(p.latencyAckMs),
    ]),
    [0, 1],
  );
  const strategies = table(
    ['strategy', 'trades', 'win rate', 'profit factor', 'gross', 'model costs', 'net'],
    strategyRows(m.trades).map((s) => [
      s.strategy,
      String(s.trades),
      pct(s.winRate, false, 1),
      ratio(s.profitFactor),
      usd(s.grossPl, true),
      usd(s.modelCosts),
      { text: usd(s.netPl, true), cls: signed(s.netPl) },
    ]),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`strikeline report ${r.day}`)}</title><style>${CSS}</style></head>
<body>
<h1>${e(`strikeline report ${r.day}`)}</h1>
<div class="muted">${e(`generated ${r.generatedAt}${r.tradingDay ? '' : ' · market closed today'}`)}</div>
<div class="cards">${card('equity', usd(a.equity))}${card('cash', usd(a.cash))}${card('day P/L', `${usd(a.dayPl, true)} (${pct(a.dayPlPct, true)})`, signed(a.dayPl))}${card('last equity', usd(a.lastEquity))}${card('buying power', usd(a.buyingPower))}${card('realized today', usd(r.realizedPl, true), signed(r.realizedPl))}</div>
<h2>Equity</h2>
${charts(r)}
<h2>${e(`Open positions (${r.totals.positions}) · value ${usd(r.totals.marketValue)} · unrealized ${usd(r.totals.unrealizedPl, true)}`)}</h2>
${r.totals.unprotected > 0 ? `<p class="warn">${e(`${r.totals.unprotected} position(s) not fully protected`)}</p>` : ''}${positions}
<h2>${e(`Closed today (${r.closedTrades.length}) · realized ${usd(r.realizedPl, true)}`)}</h2>
${closed}
<p class="muted">Realized P/L by the average-cost method over the broker's filled orders.</p>
<h2>Protection placed today, fill → protection latency</h2>
${latency}
<h2>Metrics</h2>
<p>${e(`Equity history ${m.equity.points} days${m.equity.from === null ? '' : ` (${m.equity.from} – ${m.equity.to ?? ''})`}: total return ${pct(m.equity.totalReturn, true)}, Sharpe ${ratio(m.equity.sharpe)}, Sortino ${ratio(m.equity.sortino)}, Calmar ${ratio(m.equity.calmar)}, max drawdown ${pct(m.equity.maxDrawdown)}`)}</p>
${caveatHtml(metricsCaveat(m))}${strategies}
<p class="muted">${e(`Trade metrics are net of the cost model: ${m.costModel.slippageBps} bps slippage and $${m.costModel.commissionPerShare} per share on each fill.`)}</p>
${whyNoTradeHtml(r.whyNoTrade, e)}${researchHtml(r)}</body></html>
`;
}

function researchHtml(r: ReportData): string {
  if (r.research === undefined) return '';
  const [regime, ...summary] = researchLines(r.research);
  return `<h2>Research</h2>\n<p>${e(regime ?? '')}</p>\n${summary.length === 0 ? '' : `<pre class="muted">${e(summary.join('\n'))}</pre>\n`}`;
}

/** Today's intraday curve when the broker has one, and the daily curve once it has two days; never a lone dot. */
function charts(r: ReportData): string {
  const intraday = r.intradayCurve.length >= 2;
  const daily = r.equityCurve.length >= 2 || !intraday;
  const chart = (title: string, svg: string): string =>
    `<div class="chart"><h3>${e(title)}</h3>${svg}</div>`;
  return `<div class="charts">${[
    intraday
      ? chart(
          `Today (${r.day}), 5-minute`,
          equitySvg(r.intradayCurve, { width: 560, height: 300, label: 'Equity today' }),
        )
      : '',
    daily
      ? chart(
          'Daily',
          equitySvg(r.equityCurve, { width: 560, height: 300, label: 'Equity by day' }),
        )
      : '',
  ].join('')}</div>`;
}

function caveatHtml(caveat: string | null): string {
  return caveat === null ? '' : `<p class="note">${e(caveat)}</p>\n`;
}
