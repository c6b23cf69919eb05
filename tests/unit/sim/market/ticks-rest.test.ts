/** Historical trades, quotes and auctions over REST: pagination that joins exactly, ids shared with the tape, no lookahead. */
import { describe, expect, it } from 'vitest';
import { createExchange } from '../../../../src/sim/engine/exchange.ts';
import { createSyntheticMarket } from '../../../../src/sim/market/synthetic-market.ts';
import { handleMarketDataRest } from '../../../../src/sim/server/market-data/market-data-rest.ts';

const market = createSyntheticMarket({ seed: 7, symbols: ['AAPL', 'KO', 'SPY'] });
const now = Date.parse('2024-05-01T14:00:00Z');
const exchange = createExchange({
  market,
  cash: 100_000,
  startTs: now,
  seed: 7,
  spreadBps: 2,
  partialFillRate: 0,
});
type Page = {
  trades?: Record<string, Array<{ i: number; t: string; p: number }>>;
  quotes?: Record<string, Array<{ t: string; bp: number; ap: number }>>;
  next_page_token: string | null;
};
// The bodies are read loosely, as a client would: the contract test checks their schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function get(path: string): any {
  const res = handleMarketDataRest(
    { method: 'GET', url: path },
    { market, exchange, now: () => now },
  );
  if (res?.status !== 200)
    throw new Error(`${path} -> ${res?.status} ${JSON.stringify(res?.body)}`);
  return res.body;
}

function allPages(base: string, key: 'trades' | 'quotes'): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  let token: string | null = null;
  do {
    const page: Page = get(`${base}${token === null ? '' : `&page_token=${token}`}`);
    for (const [symbol, list] of Object.entries(page[key] ?? {}))
      (out[symbol] ??= []).push(...list);
    token = page.next_page_token;
  } while (token !== null);
  return out;
}

describe('historical trades and quotes', () => {
  const range = 'start=2024-05-01T13:30:00Z&end=2024-05-01T13:45:00Z';

  it("lists the market's prints with their trade ids, and pages join into the one big page (asc and desc)", () => {
    const big: Page = get(`/v2/stocks/trades?symbols=SPY,AAPL,KO&${range}&limit=10000`);
    const ids = market
      .printsBetween(Date.parse('2024-05-01T13:30:00Z') - 1, Date.parse('2024-05-01T13:45:00Z'), [
        'AAPL',
      ])
      .map((p) => p.id);
    expect(big.trades?.AAPL?.map((t) => t.i)).toEqual(ids);
    expect(Object.keys(big.trades ?? {})).toEqual(['AAPL', 'KO', 'SPY']);
    expect(allPages(`/v2/stocks/trades?symbols=SPY,AAPL,KO&${range}&limit=7`, 'trades')).toEqual(
      big.trades,
    );
    const desc: Page = get(`/v2/stocks/trades?symbols=SPY,AAPL,KO&${range}&limit=10000&sort=desc`);
    expect(
      allPages(`/v2/stocks/trades?symbols=SPY,AAPL,KO&${range}&limit=11&sort=desc`, 'trades'),
    ).toEqual(desc.trades);
    expect(desc.trades?.AAPL?.map((t) => t.i)).toEqual([...ids].reverse());
  });

  it('gives one quote per print, around its price, and never anything after now', () => {
    const trades: { trades: Array<{ t: string; p: number }> } = get(
      '/v2/stocks/AAPL/trades?limit=10000',
    );
    const quotes: { quotes: Array<{ t: string; bp: number; ap: number }> } = get(
      '/v2/stocks/AAPL/quotes?limit=10000',
    );
    expect(quotes.quotes).toHaveLength(trades.trades.length);
    expect(trades.trades.at(-1)?.t.localeCompare('2024-05-01T14:00:00Z')).toBeLessThanOrEqual(0);
    quotes.quotes.forEach((q, i) => {
      const p = trades.trades[i]?.p ?? 0;
      expect(q.bp).toBeLessThanOrEqual(p);
      expect(q.ap).toBeGreaterThanOrEqual(p);
      expect(q.t).toBe(trades.trades[i]?.t);
    });
  });
});

describe('auctions', () => {
  it("opens at the day's open and closes at its close, the closing one only once the session closed", () => {
    const body: {
      auctions: Record<
        string,
        Array<{ d: string; o: Array<{ p: number; c: string }>; c: Array<{ p: number; c: string }> }>
      >;
    } = get('/v2/stocks/auctions?symbols=KO&start=2024-04-30&end=2024-05-01');
    const [yesterday, today] = body.auctions.KO ?? [];
    const bar = market.dailyBars('KO', '2024-04-30', '2024-04-30')[0];
    expect(yesterday).toMatchObject({
      d: '2024-04-30',
      o: [
        { p: bar?.o, c: 'O' },
        { p: bar?.o, c: 'Q' },
      ],
      c: [
        { p: bar?.c, c: '6' },
        { p: bar?.c, c: 'M' },
      ],
    });
    expect(today?.d).toBe('2024-05-01');
    expect(today?.c).toEqual([]);
  });
});
