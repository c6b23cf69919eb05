/** Account activities, portfolio history and corporate-action announcements over REST, from a real exchange on the seeded market. */
import { describe, expect, it } from 'vitest';
import { createExchange } from '../../../../src/sim/engine/exchange.ts';
import { createSyntheticMarket } from '../../../../src/sim/market/synthetic-market.ts';
import type { RestRequest } from '../../../../src/sim/server/rest-types.ts';
import { createTradingDeps } from '../../../../src/sim/server/trading-deps.ts';
import { tradingRoutes } from '../../../../src/sim/server/trading-routes.ts';
import { handleMarketDataRest } from '../../../../src/sim/server/market-data/market-data-rest.ts';

const market = createSyntheticMarket({ seed: 42, symbols: ['AAPL', 'META', 'KO'] });
const start = Date.parse('2024-05-20T13:25:00Z');
const exchange = createExchange({
  market,
  cash: 100_000,
  startTs: start,
  seed: 42,
  spreadBps: 2,
  partialFillRate: 0,
});
const deps = createTradingDeps(exchange, market, start);
exchange.advanceTo(Date.parse('2024-05-20T13:31:00Z'));
exchange.submitOrder({
  symbol: 'AAPL',
  side: 'buy',
  type: 'market',
  time_in_force: 'day',
  qty: 10,
});
exchange.submitOrder({ symbol: 'META', side: 'buy', type: 'market', time_in_force: 'day', qty: 1 });
exchange.advanceTo(Date.parse('2024-08-20T15:00:00Z'), { quiet: true });

// The bodies are read loosely, as a client would: the contract test checks their schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function get(path: string): any {
  const url = new URL(path, 'http://sim');
  const req: RestRequest = {
    method: 'GET',
    path: url.pathname,
    query: url.searchParams,
    json: () => undefined,
  };
  const res =
    tradingRoutes(req, deps) ??
    handleMarketDataRest({ method: 'GET', url }, { market, exchange, now: () => exchange.now() });
  if (res?.status !== 200) throw new Error(`${path}: ${JSON.stringify(res)}`);
  return res.body;
}

describe('account activities', () => {
  it('lists fills, the dividend paid and the split applied, newest first, in pages by the last id', () => {
    const all: Array<{ id: string; activity_type: string }> = get('/v2/account/activities');
    expect(all.map((a) => a.activity_type)).toEqual(['SPLIT', 'DIV', 'FILL', 'FILL']);
    const first: Array<{ id: string }> = get('/v2/account/activities?page_size=3');
    const rest: Array<{ id: string }> = get(
      `/v2/account/activities?page_size=3&page_token=${first.at(-1)?.id ?? ''}`,
    );
    expect([...first, ...rest].map((a) => a.id)).toEqual(all.map((a) => a.id));
    expect(
      get('/v2/account/activities?category=non_trade_activity').map(
        (a: { activity_type: string }) => a.activity_type,
      ),
    ).toEqual(['SPLIT', 'DIV']);
    expect(get('/v2/account/activities/DIV')).toEqual([
      expect.objectContaining({
        symbol: 'AAPL',
        qty: '10',
        per_share_amount: '0.29',
        net_amount: '2.9',
      }),
    ]);
    expect(get('/v2/account/activities?activity_types=FILL&until=2024-05-20T13:31:00Z')).toEqual(
      [],
    );
  });
});

describe('portfolio history', () => {
  it("ends at the account's equity now, and each daily point is that session's closing equity", () => {
    const intraday = get('/v2/account/portfolio/history?period=1D&timeframe=1Min');
    const last = exchange.account().equity;
    expect(intraday.equity.at(-1)).toBeCloseTo(last, 1);
    expect(intraday.timestamp.at(-1)).toBe(Date.parse('2024-08-20T15:00:00Z') / 1000);
    const daily = get(
      '/v2/account/portfolio/history?start=2024-05-21T00:00:00Z&end=2024-05-23T00:00:00Z&timeframe=1D',
    );
    expect(daily.timestamp).toEqual([
      Date.parse('2024-05-21T04:00:00Z') / 1000,
      Date.parse('2024-05-22T04:00:00Z') / 1000,
    ]);
    const close = (date: string, symbol: string): number =>
      market.dailyBars(symbol, date, date)[0]?.c ?? 0;
    const cash =
      100_000 -
      exchange.activities().reduce((s, a) => s + (a.kind === 'fill' ? a.price * a.qty : 0), 0);
    expect(daily.equity[0]).toBeCloseTo(
      cash + 10 * close('2024-05-21', 'AAPL') + close('2024-05-21', 'META'),
      1,
    );
    expect(daily.base_value).toBeCloseTo(
      cash + 10 * close('2024-05-20', 'AAPL') + close('2024-05-20', 'META'),
      1,
    );
    expect(daily.profit_loss[1]).toBeCloseTo(daily.equity[1] - daily.base_value, 2);
  });

  it('counts the dividend into equity when paid, and the split changes nothing', () => {
    const h = get(
      '/v2/account/portfolio/history?start=2024-06-06T00:00:00Z&end=2024-06-12T00:00:00Z&timeframe=1D&cashflow_types=ALL',
    );
    expect(h.cashflow.DIV).toEqual([0, 0, 2.9, 0]);
    const around = get(
      '/v2/account/portfolio/history?start=2024-08-15T00:00:00Z&end=2024-08-17T00:00:00Z&timeframe=1D',
    );
    const metaMove = close4('2024-08-16') * 4 - close4('2024-08-15');
    const aaplMove = 10 * (closeOf('AAPL', '2024-08-16') - closeOf('AAPL', '2024-08-15'));
    expect(around.equity[1] - around.equity[0]).toBeCloseTo(metaMove + aaplMove, 1);
  });
});

const closeOf = (symbol: string, date: string): number =>
  market.dailyBars(symbol, date, date)[0]?.c ?? 0;
const close4 = (date: string): number => closeOf('META', date);

describe('corporate action announcements', () => {
  it('show what is declared by now, and nothing declared later', () => {
    const list: Array<{ ca_type: string; initiating_symbol: string; declaration_date: string }> =
      get(
        '/v2/corporate_actions/announcements?ca_types=split,dividend&since=2024-06-01&until=2024-08-30&date_type=ex_date',
      );
    expect(list.map((a) => [a.ca_type, a.initiating_symbol])).toEqual([
      ['split', 'META'],
      ['dividend', 'AAPL'],
    ]);
    expect(list.every((a) => a.declaration_date <= '2024-08-20')).toBe(true);
    expect(
      get(
        '/v2/corporate_actions/announcements?ca_types=dividend&since=2024-08-21&until=2024-11-15',
      ),
    ).toEqual([]);
  });

  it('are listed by the market-data corporate actions endpoint by process date', () => {
    const body = get('/v1/corporate-actions?start=2024-05-01&end=2024-09-30');
    expect(body.corporate_actions.forward_splits).toEqual([
      expect.objectContaining({ symbol: 'META', new_rate: 4, old_rate: 1, ex_date: '2024-08-16' }),
    ]);
    expect(
      body.corporate_actions.cash_dividends.map((d: { payable_date: string }) => d.payable_date),
    ).toEqual(['2024-06-10', '2024-09-10']);
  });
});

describe('news', () => {
  it('has a story for each close 3 % away from the previous one and each declaration, none from the future', () => {
    const body = get('/v1beta1/news?symbols=META&start=2024-07-01&limit=50&sort=asc');
    const headlines: string[] = body.news.map((n: { headline: string }) => n.headline);
    expect(headlines).toContain('META announces 4-for-1 stock split');
    expect(headlines.some((h) => /META shares (rise|fall)/.test(h))).toBe(true);
    expect(headlines.every((h) => !/fall 7\d\.\d%/.test(h))).toBe(true);
    expect(
      body.news.every((n: { created_at: string }) => n.created_at <= '2024-08-20T15:00:00.000Z'),
    ).toBe(true);
  });
});

describe('screener', () => {
  it('ranks the day so far by volume and by move against the previous close', () => {
    const actives: Array<{ symbol: string; volume: number }> = get(
      '/v1beta1/screener/stocks/most-actives?top=3',
    ).most_actives;
    const volumes = actives.map((a) => a.volume);
    expect(volumes).toEqual([...volumes].sort((a, b) => b - a));
    expect(actives).toHaveLength(3);
    const snapshot = get('/v2/stocks/snapshots?symbols=AAPL,META,KO');
    for (const a of actives) expect(a.volume).toBe(snapshot[a.symbol].dailyBar.v);
    const {
      gainers,
      losers,
    }: {
      gainers: Array<{ symbol: string; price: number; change: number }>;
      losers: Array<{ symbol: string; price: number; change: number }>;
    } = get('/v1beta1/screener/stocks/movers');
    for (const m of [...gainers, ...losers]) {
      const s = snapshot[m.symbol];
      expect(m.price).toBe(s.dailyBar.c);
      expect(m.change).toBeCloseTo(s.dailyBar.c - s.prevDailyBar.c, 2);
    }
    expect(gainers.every((m) => m.change > 0) && losers.every((m) => m.change < 0)).toBe(true);
    expect(gainers.length + losers.length).toBeGreaterThan(0);
  });
});
