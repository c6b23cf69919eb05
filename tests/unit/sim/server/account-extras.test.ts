/** v3 clock phases and calendar, watchlist rules, and the account configuration the exchange honours. */
import { describe, expect, it } from 'vitest';
import { SimRejection } from '../../../../src/sim/contracts.ts';
import { createExchange } from '../../../../src/sim/engine/exchange.ts';
import { createSyntheticMarket } from '../../../../src/sim/market/synthetic-market.ts';
import { clockV3Routes } from '../../../../src/sim/server/clock-v3-routes.ts';
import { HttpError } from '../../../../src/sim/server/http-error.ts';
import type { RestRequest } from '../../../../src/sim/server/rest-types.ts';
import { createTradingDeps } from '../../../../src/sim/server/trading-deps.ts';

const market = createSyntheticMarket({ seed: 3, symbols: ['AAPL', 'KO'] });
function depsAt(iso: string) {
  const ts = Date.parse(iso);
  const exchange = createExchange({
    market,
    cash: 10_000,
    startTs: ts,
    seed: 3,
    spreadBps: 2,
    partialFillRate: 0,
  });
  return createTradingDeps(exchange, market, ts);
}
const get = (path: string, query = ''): RestRequest => ({
  method: 'GET',
  path,
  query: new URLSearchParams(query),
  json: () => undefined,
});

describe('/v3/clock', () => {
  const phaseAt = (iso: string) =>
    (
      clockV3Routes(get('/v3/clock'), depsAt(iso))?.body as {
        clocks: Array<Record<string, unknown>>;
      }
    ).clocks[0];

  it('walks the phases of a New York day: closed, pre, core, post, closed', () => {
    expect(phaseAt('2024-05-01T07:00:00Z')).toMatchObject({
      phase: 'closed',
      phase_until: '2024-05-01T04:00:00.000-04:00',
      is_market_day: true,
    });
    expect(phaseAt('2024-05-01T12:00:00Z')).toMatchObject({
      phase: 'pre',
      phase_until: '2024-05-01T09:30:00.000-04:00',
      next_market_open: '2024-05-01T09:30:00.000-04:00',
    });
    expect(phaseAt('2024-05-01T15:00:00Z')).toMatchObject({
      phase: 'core',
      phase_until: '2024-05-01T16:00:00.000-04:00',
      next_market_open: '2024-05-02T09:30:00.000-04:00',
    });
    expect(phaseAt('2024-05-01T21:00:00Z')).toMatchObject({
      phase: 'post',
      phase_until: '2024-05-01T20:00:00.000-04:00',
      next_market_close: '2024-05-02T16:00:00.000-04:00',
    });
    expect(phaseAt('2024-05-04T15:00:00Z')).toMatchObject({
      phase: 'closed',
      is_market_day: false,
      phase_until: '2024-05-06T04:00:00.000-04:00',
    });
  });

  it('answers for several markets, at a given time, and refuses markets the simulator does not have', () => {
    const body = clockV3Routes(
      get('/v3/clock', 'markets=NYSE,XNAS&time=2024-07-03T17:30:00Z'),
      depsAt('2024-05-01T15:00:00Z'),
    )?.body as { clocks: Array<{ market: { mic: string }; phase: string }> };
    expect(body.clocks.map((c) => [c.market.mic, c.phase])).toEqual([
      ['XNYS', 'post'],
      ['XNAS', 'post'],
    ]);
    expect(() =>
      clockV3Routes(get('/v3/clock', 'markets=LSE'), depsAt('2024-05-01T15:00:00Z')),
    ).toThrow(HttpError);
  });
});

describe('/v3/calendar/{market}', () => {
  it('lists sessions with their pre, core and post windows (early closes included), in UTC on request', () => {
    const body = clockV3Routes(
      get('/v3/calendar/NYSE', 'start=2024-07-02&end=2024-07-05&timezone=UTC'),
      depsAt('2024-05-01T15:00:00Z'),
    )?.body as { calendar: Array<Record<string, string>> };
    expect(body.calendar.map((d) => d.date)).toEqual(['2024-07-02', '2024-07-03', '2024-07-05']);
    expect(body.calendar[1]).toMatchObject({
      core_start: '2024-07-03T13:30:00.000Z',
      core_end: '2024-07-03T17:00:00.000Z',
      post_end: '2024-07-03T21:00:00.000Z',
      pre_start: '2024-07-03T08:00:00.000Z',
      settlement_date: '2024-07-05',
    });
  });
});

describe('watchlists', () => {
  it('keep known symbols in order, refuse unknown, duplicate symbols and names', () => {
    const { watchlists } = depsAt('2024-05-01T15:00:00Z');
    const w = watchlists.create('main', ['aapl']);
    expect(w.symbols).toEqual(['AAPL']);
    expect(watchlists.addSymbol(w.id, 'KO').symbols).toEqual(['AAPL', 'KO']);
    expect(() => watchlists.addSymbol(w.id, 'KO')).toThrow(/duplicate symbol/);
    expect(() => watchlists.addSymbol(w.id, 'ZZZZ')).toThrow(/asset not found/);
    expect(() => watchlists.create('main', [])).toThrow(/must be unique/);
    expect(watchlists.removeSymbol(w.id, 'AAPL').symbols).toEqual(['KO']);
    expect(watchlists.byName('main').id).toBe(w.id);
    watchlists.remove(w.id);
    expect(() => watchlists.get(w.id)).toThrow(/watchlist not found/);
  });
});

describe('account configuration', () => {
  it('suspend_trade refuses new orders and shows on the account; fractional_trading off refuses fractions', () => {
    const { exchange } = depsAt('2024-05-01T15:00:00Z');
    exchange.configure({ suspend_trade: true });
    expect(exchange.account().trade_suspended_by_user).toBe(true);
    expect(() =>
      exchange.submitOrder({
        symbol: 'KO',
        side: 'buy',
        type: 'market',
        time_in_force: 'day',
        qty: 1,
      }),
    ).toThrow(/suspended/);
    exchange.configure({ suspend_trade: false, fractional_trading: false });
    expect(() =>
      exchange.submitOrder({
        symbol: 'KO',
        side: 'buy',
        type: 'market',
        time_in_force: 'day',
        qty: 0.5,
      }),
    ).toThrow(/fractional trading is not enabled/);
    expect(
      exchange.submitOrder({
        symbol: 'KO',
        side: 'buy',
        type: 'market',
        time_in_force: 'day',
        qty: 1,
      }).status,
    ).not.toBe('rejected');
  });

  it('refuses what the simulator does not model (margin, shorting, options) and keeps the rest as sent', () => {
    const { exchange } = depsAt('2024-05-01T15:00:00Z');
    for (const patch of [
      { max_margin_multiplier: '2' },
      { no_shorting: false },
      { max_options_trading_level: 2 as const },
    ]) {
      expect(() => exchange.configure(patch)).toThrow(SimRejection);
    }
    expect(exchange.configure({ pdt_check: 'both', trade_confirm_email: 'none' })).toMatchObject({
      pdt_check: 'both',
      trade_confirm_email: 'none',
      no_shorting: true,
      max_margin_multiplier: '1',
    });
  });
});
