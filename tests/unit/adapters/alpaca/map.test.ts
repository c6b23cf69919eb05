import { errors, trading } from '@alpacahq/alpaca-trade-api';
import { describe, expect, it } from 'vitest';
import { classify } from '../../../../src/adapters/alpaca/classify.ts';
import {
  decimal,
  toCalendarDay,
  toOrderReport,
  toPostOrderRequest,
} from '../../../../src/adapters/alpaca/map.ts';
import { price, qty } from '../../../../src/domain/money.ts';

const ORDER_JSON = {
  id: '61e69015-8549-4bfd-b9c3-01e75843f47d',
  client_order_id: 'sl-oco-AAPL-1',
  created_at: '2024-05-01T13:35:00.123456Z',
  updated_at: '2024-05-01T13:35:00.2Z',
  submitted_at: '2024-05-01T13:35:00Z',
  filled_at: null,
  symbol: 'AAPL',
  asset_class: 'us_equity',
  qty: '10',
  notional: null,
  filled_qty: '0',
  filled_avg_price: null,
  order_class: 'oco',
  type: 'limit',
  order_type: 'limit',
  side: 'sell',
  time_in_force: 'gtc',
  limit_price: '225.01',
  stop_price: null,
  status: 'new',
  extended_hours: false,
  legs: [
    {
      id: 'b0b6dd9d-8b9b-48a9-ba46-b9d54906e415',
      client_order_id: 'leg',
      created_at: '2024-05-01T13:35:00Z',
      symbol: 'AAPL',
      qty: '10',
      notional: null,
      filled_qty: '0',
      order_class: 'oco',
      type: 'stop',
      side: 'sell',
      time_in_force: 'gtc',
      stop_price: '178.12',
      limit_price: null,
      status: 'new',
    },
  ],
};

describe('map', () => {
  it('parses an OCO order once, legs included', () => {
    const report = toOrderReport(trading.OrderFromJSON(ORDER_JSON));
    expect(report).toMatchObject({
      kind: 'OrderReport',
      clientOrderId: 'sl-oco-AAPL-1',
      orderClass: 'oco',
      side: 'sell',
      qty: 10,
      limitPrice: 225.01,
      filledQty: 0,
      status: 'new',
    });
    expect(report.tsCreated).toBe(Date.parse('2024-05-01T13:35:00.123Z'));
    expect(report.legs).toHaveLength(1);
    expect(report.legs[0]).toMatchObject({ type: 'stop', stopPrice: 178.12 });
  });

  it('sends numbers as decimal strings, no exponent, at most 9 decimals', () => {
    expect(decimal(0.1 + 0.2)).toBe('0.3');
    expect(decimal(1e-7)).toBe('0.0000001');
    expect(decimal(12)).toBe('12');
    const body = toPostOrderRequest({
      kind: 'SubmitOrder',
      clientOrderId: 'c1',
      symbol: 'AAPL',
      side: 'sell',
      type: 'limit',
      timeInForce: 'gtc',
      qty: qty(10),
      limitPrice: price(225.01),
      orderClass: 'oco',
      takeProfit: { limitPrice: price(225.01) },
      stopLoss: { stopPrice: price(178.12) },
      reason: 'protect',
    });
    expect(trading.PostOrderRequestToJSON(body)).toMatchObject({
      qty: '10',
      limit_price: '225.01',
      order_class: 'oco',
      take_profit: { limit_price: '225.01' },
      stop_loss: { stop_price: '178.12' },
      client_order_id: 'c1',
    });
  });

  it('reads calendar days as New York session times', () => {
    const day = toCalendarDay(
      trading.LegacyCalendarDayFromJSON({
        date: '2024-07-03',
        open: '09:30',
        close: '13:00',
        session_open: '0400',
        session_close: '2000',
        settlement_date: '2024-07-05',
      }),
    );
    expect(day).toEqual({
      date: '2024-07-03',
      tsOpen: Date.parse('2024-07-03T13:30:00Z'),
      tsClose: Date.parse('2024-07-03T17:00:00Z'),
    });
  });
});

describe('classify', () => {
  const response = new Response('{}', { status: 403 });
  it('maps business rejections, auth, not found, rate limits', () => {
    expect(
      classify(
        new errors.PermissionError(
          response,
          403,
          40310000,
          'insufficient qty available for order (requested: 10, available: 0)',
        ),
        'write',
      ),
    ).toMatchObject({ kind: 'rejected', code: 40310000 });
    expect(
      classify(new errors.AuthError(response, 401, undefined, 'unauthorized'), 'read').kind,
    ).toBe('auth');
    expect(
      classify(new errors.NotFoundError(response, 404, 40410000, 'order not found'), 'read').kind,
    ).toBe('not-found');
    expect(
      classify(
        new errors.RateLimitError(response, 429, 42910000, 'too many requests', undefined, 2500),
        'read',
      ),
    ).toMatchObject({ kind: 'rate-limited', retryAfterMs: 2500 });
  });

  it('treats a lost answer to an order as ambiguous, to a read as transient', () => {
    const lost = new errors.FetchError(new Error('socket hang up'));
    expect(classify(lost, 'write').kind).toBe('ambiguous');
    expect(classify(lost, 'read').kind).toBe('transient');
    expect(
      classify(new errors.ApiError(response, 503, undefined, 'unavailable'), 'write').kind,
    ).toBe('ambiguous');
  });
});
