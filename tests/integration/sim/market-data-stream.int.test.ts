/**
 * The simulator's market-data stream through the official SDK (msgpack) and a plain `ws` client (JSON text):
 * auth ok/bad (402 terminal), the full subscription echo, trades with Date timestamps, quotes, minute bars,
 * only subscribed symbols, protocol errors 400/401/403/405, and 406 for a second connection with the same key.
 */
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_KEY,
  TEST_SECRET,
  control,
  sdkFor,
  startTestSimulator,
  waitFor,
  type TestSimulator,
} from '../../support/sim.ts';

let t: TestSimulator;

beforeAll(async () => {
  t = await startTestSimulator({ symbols: ['AAPL', 'MSFT', 'SPY'], seed: 11 });
  await control(t.sim).clock({ to: '2024-05-01T14:00:00Z', quiet: true });
});
afterAll(async () => {
  await t.stop();
});

type Stock = ReturnType<ReturnType<typeof sdkFor>['stockStream']>;
type Trade = Parameters<Parameters<Stock['onTrade']>[0]>[0];
type Quote = Parameters<Parameters<Stock['onQuote']>[0]>[0];
type Bar = Parameters<Parameters<Stock['onBar']>[0]>[0];

async function openStream(subscribe: (s: Stock) => void) {
  const stream = sdkFor(t.sim).stockStream();
  const trades: Trade[] = [];
  const quotes: Quote[] = [];
  const bars: Bar[] = [];
  const errors: string[] = [];
  const echoes: Array<Record<string, string[]>> = [];
  stream.onTrade((x) => trades.push(x));
  stream.onQuote((x) => quotes.push(x));
  stream.onBar((x) => bars.push(x));
  stream.onError((e) => errors.push(e));
  stream.on('subscription', (s: Record<string, string[]>) => echoes.push(s));
  subscribe(stream);
  stream.connect();
  const auth = await stream.whenAuthenticated();
  expect(auth.authenticated).toBe(true);
  await waitFor(() => echoes.length > 0, 5000, 'the subscription echo');
  return { stream, trades, quotes, bars, errors, echoes };
}

describe('market-data stream (SDK, msgpack)', () => {
  it('authenticates, echoes subscriptions and streams trades, quotes and minute bars of subscribed symbols only', async () => {
    const s = await openStream((x) => {
      x.subscribeForTrades(['AAPL']);
      x.subscribeForQuotes(['AAPL']);
      x.subscribeForBars(['AAPL']);
    });
    try {
      expect(s.stream.getSubscriptions()).toMatchObject({
        trades: ['AAPL'],
        quotes: ['AAPL'],
        bars: ['AAPL'],
        updatedBars: [],
        dailyBars: [],
      });
      await control(t.sim).trade({ symbol: 'AAPL', price: 187.5, size: 100 });
      await control(t.sim).trade({ symbol: 'MSFT', price: 402, size: 100 });
      const trade = await waitFor(
        () => s.trades.find((x) => x.price === 187.5),
        5000,
        'the printed AAPL trade',
      );
      expect(trade).toMatchObject({ symbol: 'AAPL', size: 100, exchange: 'V', conditions: ['@'] });
      expect(trade.timestamp).toBeInstanceOf(Date);
      expect(trade.timestamp.toISOString()).toBe('2024-05-01T14:00:00.000Z');
      await waitFor(() => s.quotes.length > 0, 5000, 'an AAPL quote');
      expect(s.quotes[0]?.symbol).toBe('AAPL');

      await control(t.sim).clock({ advance_ms: 3 * 60_000 });
      await waitFor(() => s.bars.length >= 2, 5000, 'two minute bars');
      expect(s.bars[0]?.symbol).toBe('AAPL');
      expect(s.bars[0]?.timestamp.toISOString()).toBe('2024-05-01T14:00:00.000Z');
      expect(s.bars[1]?.timestamp.toISOString()).toBe('2024-05-01T14:01:00.000Z');
      const minute = t.sim.market
        .minuteBars('AAPL', '2024-05-01')
        .find((b) => b.t === Date.parse('2024-05-01T14:01:00Z'));
      expect(s.bars[1]).toMatchObject({
        open: minute?.o,
        high: minute?.h,
        low: minute?.l,
        close: minute?.c,
        volume: minute?.v,
      });
      expect(s.trades.length).toBeGreaterThan(10);
      expect(s.trades.every((x) => x.symbol === 'AAPL')).toBe(true);

      s.stream.unsubscribeFromTrades(['AAPL']);
      await waitFor(
        () => s.echoes.some((e) => e.trades?.length === 0),
        5000,
        'the unsubscribe echo',
      );
      expect(s.stream.getSubscriptions().quotes).toEqual(['AAPL']);
    } finally {
      s.stream.disconnect();
    }
  });

  it('rejects bad credentials with 402 (terminal, no reconnect)', async () => {
    const stream = sdkFor(t.sim, { keyId: TEST_KEY, secret: 'wrong' }).stockStream();
    stream.connect();
    const auth = await stream.whenAuthenticated();
    expect(auth).toMatchObject({
      authenticated: false,
      status: 'server_rejected',
      code: 402,
      message: 'auth failed',
    });
    expect(stream.getState()).toBe('disconnected');
    stream.disconnect();
  });

  it('answers a second connection with the same key with 406', async () => {
    const first = await openStream((x) => {
      x.subscribeForTrades(['SPY']);
    });
    const second = sdkFor(t.sim).stockStream({ maxReconnectAttempts: 0 });
    const errors: string[] = [];
    second.onError((e) => errors.push(e));
    second.connect();
    try {
      await waitFor(() => errors.includes('connection limit exceeded'), 5000, 'the 406 error');
      expect(t.sim.connections().data).toBeGreaterThanOrEqual(1);
    } finally {
      second.disconnect();
      first.stream.disconnect();
    }
  });
});

describe('market-data stream (plain ws, JSON text)', () => {
  it('speaks JSON without the msgpack header and reports protocol errors', async () => {
    const ws = new WebSocket(t.sim.urls.dataStream);
    const frames: Array<Record<string, unknown>> = [];
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      expect(isBinary).toBe(false);
      frames.push(...(JSON.parse(data.toString('utf8')) as Array<Record<string, unknown>>));
    });
    const next = async (T: string, from: number) =>
      waitFor(() => frames.slice(from).find((f) => f.T === T), 5000, `a ${T} frame`);
    try {
      await next('success', 0);
      expect(frames[0]).toEqual({ T: 'success', msg: 'connected' });
      ws.send(JSON.stringify({ action: 'subscribe', trades: ['AAPL'] }));
      expect(await next('error', 0)).toEqual({ T: 'error', code: 401, msg: 'not authenticated' });
      ws.send(JSON.stringify({ action: 'auth', key: TEST_KEY, secret: TEST_SECRET }));
      await waitFor(() => frames.some((f) => f.msg === 'authenticated'), 5000, 'authenticated');
      ws.send('{not json');
      expect(await next('error', frames.length)).toEqual({
        T: 'error',
        code: 400,
        msg: 'invalid syntax',
      });
      ws.send(JSON.stringify({ action: 'auth', key: TEST_KEY, secret: TEST_SECRET }));
      expect(await next('error', frames.length)).toEqual({
        T: 'error',
        code: 403,
        msg: 'already authenticated',
      });
      ws.send(JSON.stringify({ action: 'subscribe', trades: ['AAPL'], bars: ['*'] }));
      expect(await next('subscription', 0)).toEqual({
        T: 'subscription',
        trades: ['AAPL'],
        quotes: [],
        bars: ['*'],
        updatedBars: [],
        dailyBars: [],
        statuses: [],
        lulds: [],
        imbalances: [],
        corrections: ['AAPL'],
        cancelErrors: ['AAPL'],
      });
      const many = Array.from({ length: 31 }, (_, i) => `S${i}`);
      const before = frames.length;
      ws.send(JSON.stringify({ action: 'subscribe', quotes: many }));
      expect(await next('error', before)).toEqual({
        T: 'error',
        code: 405,
        msg: 'symbol limit exceeded',
      });
      const mark = frames.length;
      await control(t.sim).trade({ symbol: 'AAPL', price: 190, size: 5 });
      const trade = await next('t', mark);
      expect(trade).toMatchObject({ S: 'AAPL', p: 190, s: 5, x: 'V', c: ['@'] });
      expect(typeof trade.t).toBe('string');
    } finally {
      ws.close();
    }
  });
});
