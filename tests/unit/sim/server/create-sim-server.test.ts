/** The server shell over raw HTTP (what the SDK never sends): auth, envelope, headers, bad JSON, routing, control API errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExchange } from '../../../../src/sim/engine/exchange.ts';
import { createSyntheticMarket } from '../../../../src/sim/market/synthetic-market.ts';
import { createSimServer, type SimServer } from '../../../../src/sim/server/create-sim-server.ts';
import { createTradingDeps } from '../../../../src/sim/server/trading-deps.ts';
import { createTradingStreamServer } from '../../../../src/sim/server/trading-stream.ts';
import { createUpdateDelivery } from '../../../../src/sim/server/update-delivery.ts';
import { silentLogger } from '../../../../src/domain/silent-logger.ts';

const AUTH = { 'APCA-API-KEY-ID': 'K', 'APCA-API-SECRET-KEY': 'S' };
let server: SimServer;
let base: string;
const faults: string[] = [];

beforeAll(async () => {
  const market = createSyntheticMarket({ seed: 1, symbols: ['AAPL', 'SPY'] });
  const startTs = Date.parse('2024-05-01T13:25:00Z');
  const exchange = createExchange({
    market,
    cash: 100_000,
    startTs,
    seed: 1,
    spreadBps: 2,
    partialFillRate: 0,
  });
  const tradingStream = createTradingStreamServer({ credentials: { key: 'K', secret: 'S' } });
  const delivery = createUpdateDelivery((f) => {
    tradingStream.broadcast(f);
  });
  server = await createSimServer({
    deps: createTradingDeps(exchange, market, startTs),
    credentials: { key: 'K', secret: 'S' },
    port: 0,
    tradingStream,
    delivery,
    faults: {
      dropStreams: (ms) => faults.push(`drop ${ms}`),
      duplicateTradeUpdates: (n) => faults.push(`dup ${n}`),
      delayTradeUpdates: (ms) => faults.push(`delay ${ms}`),
      rotateCredentials: (key) => faults.push(`rotate ${key}`),
    },
    rateLimitPerMinute: 1000,
    log: silentLogger,
  });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
});

async function call(
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = AUTH,
) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    redirect: 'manual',
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    json: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>),
  };
}

describe('sim server shell', () => {
  it('refuses missing or wrong credentials with 401 and still sends the rate-limit headers and a request id', async () => {
    for (const headers of [
      {},
      { 'APCA-API-KEY-ID': 'K' },
      { 'APCA-API-KEY-ID': 'K', 'APCA-API-SECRET-KEY': 'x' },
    ]) {
      const r = await call('GET', '/v2/account', undefined, headers);
      expect(r.status).toBe(401);
      expect(r.json).toEqual({ code: 40110000, message: 'request is not authorized' });
      expect(r.headers.get('x-ratelimit-limit')).toBe('1000');
      expect(r.headers.get('x-ratelimit-reset')).toMatch(/^\d{10}$/);
      expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('answers bad JSON with 400 and malformed fields with 422', async () => {
    expect(await call('POST', '/v2/orders', '{not json')).toMatchObject({
      status: 400,
      json: { code: 40010000, message: 'request body format is invalid' },
    });
    const r = await call(
      'POST',
      '/v2/orders',
      JSON.stringify({
        symbol: 'AAPL',
        side: 'buy',
        type: 'market',
        time_in_force: 'day',
        qty: 'x',
      }),
    );
    expect(r.status).toBe(422);
    expect(r.json?.code).toBe(40010001);
  });

  it('accepts numbers as JSON numbers and emits them as decimal strings', async () => {
    const r = await call(
      'POST',
      '/v2/orders',
      JSON.stringify({
        symbol: 'AAPL',
        side: 'buy',
        type: 'limit',
        time_in_force: 'day',
        qty: 2,
        limit_price: 1.5,
      }),
    );
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      qty: '2',
      limit_price: '1.5',
      status: 'accepted',
      order_class: '',
      legs: null,
    });
  });

  it('routes the colon path literally and never treats it as an order id', async () => {
    const r = await call('GET', '/v2/orders:by_client_order_id?client_order_id=nope');
    expect(r).toMatchObject({ status: 404, json: { code: 40410000, message: 'order not found' } });
    expect((await call('GET', '/v2/orders:by_client_order_id')).status).toBe(422);
    expect((await call('GET', '/v2/orders/not-a-uuid')).json).toEqual({
      code: 40010001,
      message: 'order_id is missing',
    });
  });

  it('answers unknown paths with 404 and never redirects', async () => {
    expect((await call('GET', '/v2/nothing')).status).toBe(404);
    expect((await call('PUT', '/v2/orders')).status).toBe(404);
    expect((await call('GET', '/v2/orders/')).status).toBe(200);
  });

  it('validates control bodies with clear 422 messages', async () => {
    expect((await call('POST', '/sim/clock', '{}')).json?.message).toContain('advance_ms');
    expect(
      (await call('POST', '/sim/clock', JSON.stringify({ to: '2020-01-01T00:00:00Z' }))).json
        ?.message,
    ).toContain('time only moves forward');
    expect(
      (await call('POST', '/sim/trade', JSON.stringify({ symbol: 'ZZZZ', price: 1 }))).json
        ?.message,
    ).toContain('unknown symbol');
    expect(
      (await call('POST', '/sim/trade', JSON.stringify({ symbol: 'AAPL', price: -1 }))).json
        ?.message,
    ).toContain('price');
    expect(
      (await call('POST', '/sim/faults', JSON.stringify({ kind: 'drop_streams', refuse_ms: -1 })))
        .status,
    ).toBe(422);
    expect(
      (await call('POST', '/sim/faults', JSON.stringify({ kind: 'rotate_credentials', key: 'K2' })))
        .json?.message,
    ).toBe('key and secret must be non-empty strings');
    expect((await call('GET', '/sim/nothing')).status).toBe(404);
  });

  it('moves the clock and reports the state', async () => {
    const r = await call(
      'POST',
      '/sim/clock',
      JSON.stringify({ advance_ms: 300_000, quiet: true }),
    );
    expect(r.status).toBe(200);
    expect(r.json?.clock).toMatchObject({
      timestamp: '2024-05-01T09:30:00.000-04:00',
      is_open: true,
    });
    expect(r.json).toHaveProperty('open_orders');
    const t = await call(
      'POST',
      '/sim/trade',
      JSON.stringify({ symbol: 'aapl', price: 123.45, size: 10 }),
    );
    expect(t.json).toMatchObject({ trade: { symbol: 'AAPL', price: 123.45, size: 10 } });
  });

  it('passes stream faults to their targets', async () => {
    await call('POST', '/sim/faults', JSON.stringify({ kind: 'drop_streams', refuse_ms: 50 }));
    await call(
      'POST',
      '/sim/faults',
      JSON.stringify({ kind: 'duplicate_trade_updates', count: 2 }),
    );
    await call('POST', '/sim/faults', JSON.stringify({ kind: 'delay_trade_updates', ms: 0 }));
    await call(
      'POST',
      '/sim/faults',
      JSON.stringify({ kind: 'rotate_credentials', key: 'K2', secret: 'S2' }),
    );
    expect(faults).toEqual(['drop 50', 'dup 2', 'delay 0', 'rotate K2']);
  });

  it('answers 429 over the limit', async () => {
    const market = createSyntheticMarket({ seed: 2, symbols: ['SPY'] });
    const startTs = Date.parse('2024-05-01T13:25:00Z');
    const exchange = createExchange({
      market,
      cash: 1000,
      startTs,
      seed: 2,
      spreadBps: 2,
      partialFillRate: 0,
    });
    const small = await createSimServer({
      deps: createTradingDeps(exchange, market, startTs),
      credentials: { key: 'K', secret: 'S' },
      port: 0,
      tradingStream: createTradingStreamServer({ credentials: { key: 'K', secret: 'S' } }),
      delivery: createUpdateDelivery(() => undefined),
      faults: {
        dropStreams: () => undefined,
        duplicateTradeUpdates: () => undefined,
        delayTradeUpdates: () => undefined,
        rotateCredentials: () => undefined,
      },
      rateLimitPerMinute: 1,
      log: silentLogger,
    });
    try {
      const first = await fetch(`http://127.0.0.1:${small.port}/v2/assets`, { headers: AUTH });
      expect(first.status).toBe(200);
      const second = await fetch(`http://127.0.0.1:${small.port}/v2/assets`, { headers: AUTH });
      expect(second.status).toBe(429);
      expect(await second.json()).toEqual({ code: 42910000, message: 'too many requests' });
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });
});
