/** @module The text `strikeline scan --intraday` prints: one row per strategy, then per strategy and symbol. */
import type { IntradayScanReport } from '../../scanner/intraday/run-intraday-scan.ts';
import type { IntradayStats } from '../../scanner/intraday/intraday-stats.ts';
import { pct, ratio, textTable } from '../format/text-table.ts';

const COLUMNS = [
  { header: 'strategy' },
  { header: 'symbol' },
  { header: 'trades', align: 'right' as const },
  { header: 'win', align: 'right' as const },
  { header: 'avg net', align: 'right' as const },
  { header: 'avg gross', align: 'right' as const },
  { header: 'PF', align: 'right' as const },
  { header: 't', align: 'right' as const },
  { header: 'stop/target/close', align: 'right' as const },
  { header: 'verdict' },
];

const row = (strategy: string, symbol: string, s: IntradayStats): string[] => [
  strategy,
  symbol,
  String(s.trades),
  pct(s.winRate, false, 0),
  pct(s.avgNetReturnPct / 100, true, 3),
  pct(s.avgGrossReturnPct / 100, true, 3),
  s.trades === 0 ? 'n/a' : s.profitFactor === null ? 'inf' : ratio(s.profitFactor),
  s.tStat.toFixed(2),
  `${s.byExit.stop}/${s.byExit.target}/${s.byExit.market_close}`,
  s.verdict,
];

export function renderIntradayScan(r: IntradayScanReport): string {
  const rows = r.strategies.flatMap((s) => [
    row(s.strategy, 'all', s),
    ...s.symbols.filter((x) => x.trades > 0).map((x) => row('', x.symbol, x)),
  ]);
  return [
    `intraday backtests on 1-minute bars, ${r.sessions} sessions ${r.from} to ${r.through}, ${r.symbols.length} symbols; costs ${r.costs.slippageBps} bps a side + $${r.costs.commissionPerShare}/share each way`,
    textTable(COLUMNS, rows),
    ...r.disabled.map((s) => `note: ${s} is disabled (intraday.${s}.enabled)`),
    ...r.symbols.filter((s) => s.bars === 0).map((s) => `note: no 1-minute bars for ${s.symbol}`),
    `${r.barsFetched} bars fetched (the rest from data/bars/1Min/). Entries before the cutoff, exits at the stop, the target or MARKET_CLOSE (docs/intraday.md).`,
  ].join('\n');
}
