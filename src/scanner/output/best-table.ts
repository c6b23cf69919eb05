/**
 * @module The printed table of the night's best signals: each ticker's chosen strategy, actionable first
 * (IN_TRADE, then WATCH, then FLAT; PROFITABLE before UNPROFITABLE; then by average return).
 */
import type { TickerScan } from '../scan/judge-scan.ts';

const STATE_ORDER = { IN_TRADE: 0, WATCH: 1, FLAT: 2 } as const;

const fmt = (n: number | null, d: number): string =>
  n === null ? 'inf' : Number.isFinite(n) ? n.toFixed(d) : '-';

type Best = NonNullable<TickerScan['best']>;

export function bestSignals(
  tickers: readonly TickerScan[],
): Array<{ scan: TickerScan; best: Best }> {
  return tickers
    .flatMap((scan) => (scan.best === null ? [] : [{ scan, best: scan.best }]))
    .sort(
      ({ scan: a, best: x }, { scan: b, best: y }) =>
        STATE_ORDER[x.state] - STATE_ORDER[y.state] ||
        (x.verdict.verdict === y.verdict.verdict
          ? 0
          : x.verdict.verdict === 'PROFITABLE'
            ? -1
            : 1) ||
        y.stats.avgReturnPct - x.stats.avgReturnPct ||
        a.symbol.localeCompare(b.symbol),
    );
}

export function formatBestTable(tickers: readonly TickerScan[], top: number): string {
  const header = [
    'TICKER',
    'STRATEGY',
    'STATE',
    'VERDICT',
    'TRADES',
    'WIN%',
    'PF',
    'AVG%',
    'SHARPE',
    'MAXDD%',
    'DATE',
    'PRICE',
  ];
  const rows = bestSignals(tickers)
    .slice(0, top)
    .map(({ scan: t, best: b }) => {
      const s = b.stats;
      return [
        t.symbol,
        b.strategy,
        b.state,
        b.verdict.verdict,
        String(s.trades),
        fmt(s.winRate * 100, 1),
        fmt(s.profitFactor, 2),
        fmt(s.avgReturnPct, 2),
        fmt(s.sharpe ?? Number.NaN, 2),
        fmt(s.maxDrawdownPct, 1),
        t.lastDate,
        fmt(t.lastClose, 2),
      ];
    });
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, k) => (k >= 4 && k <= 9 ? c.padStart(widths[k] ?? 0) : c.padEnd(widths[k] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
