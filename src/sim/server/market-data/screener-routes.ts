/**
 * @module The screener for stocks: `/v1beta1/screener/stocks/most-actives` (by volume or trade count) and
 * `/v1beta1/screener/stocks/movers` (gainers and losers against the previous close), over the listed symbols and the
 * day so far (the last session's whole day outside hours), from the same bars as the snapshots. Crypto is not served.
 */
import type { SimBar } from '../../contracts.ts';
import { rfc3339 } from '../new-york-time.ts';
import type { DataCtx } from './data-context.ts';
import { invalidParam } from './params.ts';
import { latestBars } from './snapshot.ts';

function top(ctx: DataCtx, max: number): number {
  const raw = ctx.query.get('top');
  if (raw === null || raw === '') return 10;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw invalidParam(`invalid top: ${raw} (1 to ${max})`);
  return n;
}

function days(ctx: DataCtx): Array<{ symbol: string; day: SimBar; previous: SimBar | null }> {
  return [...ctx.listed.keys()].flatMap((symbol) => {
    const { dailyBar, prevDailyBar } = latestBars(ctx.deps.market, symbol, ctx.now);
    return dailyBar ? [{ symbol, day: dailyBar, previous: prevDailyBar }] : [];
  });
}

export function mostActives(ctx: DataCtx): unknown {
  const by = ctx.query.get('by') ?? 'volume';
  if (by !== 'volume' && by !== 'trades')
    throw invalidParam(`invalid by: ${by} (volume or trades)`);
  const n = top(ctx, 100);
  const ranked = days(ctx).sort(
    (a, b) =>
      (by === 'volume' ? b.day.v - a.day.v : b.day.n - a.day.n) || a.symbol.localeCompare(b.symbol),
  );
  return {
    most_actives: ranked
      .slice(0, n)
      .map((x) => ({ symbol: x.symbol, volume: x.day.v, trade_count: x.day.n })),
    last_updated: rfc3339(ctx.now),
  };
}

export function movers(ctx: DataCtx, marketType: string): unknown {
  if (marketType !== 'stocks')
    throw invalidParam(`unsupported market_type: ${marketType} (the simulator has stocks only)`);
  const n = top(ctx, 50);
  const moves = days(ctx).flatMap(({ symbol, day, previous }) => {
    if (!previous) return [];
    const change = Math.round((day.c - previous.c) * 100) / 100;
    return [
      {
        symbol,
        percent_change: Math.round((day.c / previous.c - 1) * 10_000) / 100,
        change,
        price: day.c,
      },
    ];
  });
  const gainers = moves
    .filter((m) => m.change > 0)
    .sort((a, b) => b.percent_change - a.percent_change || a.symbol.localeCompare(b.symbol));
  const losers = moves
    .filter((m) => m.change < 0)
    .sort((a, b) => a.percent_change - b.percent_change || a.symbol.localeCompare(b.symbol));
  return {
    gainers: gainers.slice(0, n),
    losers: losers.slice(0, n),
    market_type: 'stocks',
    last_updated: rfc3339(ctx.now),
  };
}
