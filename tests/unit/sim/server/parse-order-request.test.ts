import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../../src/sim/server/http-error.ts';
import {
  parseOrderRequest,
  parseReplaceRequest,
} from '../../../../src/sim/server/parse-order-request.ts';

describe('parseOrderRequest', () => {
  it('reads the SDK body (numbers as strings) into a SimOrderRequest', () => {
    const body = {
      client_order_id: 'x',
      limit_price: '187.5',
      qty: '10',
      side: 'buy',
      symbol: 'aapl',
      time_in_force: 'day',
      type: 'limit',
    };
    expect(parseOrderRequest(body)).toEqual({
      client_order_id: 'x',
      limit_price: 187.5,
      qty: 10,
      side: 'buy',
      symbol: 'AAPL',
      time_in_force: 'day',
      type: 'limit',
    });
  });

  it('reads advanced orders and numbers sent as numbers', () => {
    const r = parseOrderRequest({
      symbol: 'AAPL',
      side: 'sell',
      type: 'limit',
      time_in_force: 'gtc',
      qty: 5,
      limit_price: 110,
      order_class: 'oco',
      take_profit: { limit_price: '110' },
      stop_loss: { stop_price: 95, limit_price: '94.5' },
      extended_hours: 'false',
    });
    expect(r).toMatchObject({
      order_class: 'oco',
      take_profit: { limit_price: 110 },
      stop_loss: { stop_price: 95, limit_price: 94.5 },
      extended_hours: false,
    });
    expect(Object.keys(r)).not.toContain('notional');
  });

  it('refuses malformed shapes with 422 and a message naming the field', () => {
    const base = { symbol: 'AAPL', side: 'buy', type: 'market', time_in_force: 'day', qty: '1' };
    const message = (body: unknown): string => {
      try {
        parseOrderRequest(body);
      } catch (e) {
        expect(e).toBeInstanceOf(HttpError);
        expect((e as HttpError).status).toBe(422);
        return (e as HttpError).message;
      }
      return 'accepted';
    };
    expect(message({ ...base, symbol: undefined })).toBe('symbol is required');
    expect(message({ ...base, side: 'long' })).toContain('side');
    expect(message({ ...base, type: undefined })).toBe('type is required');
    expect(message({ ...base, qty: 'lots' })).toContain('qty');
    expect(message({ ...base, stop_loss: { limit_price: 1 } })).toBe(
      'stop_loss.stop_price is required',
    );
    expect(message([1])).toContain('JSON object');
  });
});

describe('parseReplaceRequest', () => {
  it('keeps only the fields sent', () => {
    expect(parseReplaceRequest({ limit_price: '101.5', qty: 3 })).toEqual({
      limit_price: 101.5,
      qty: 3,
    });
  });
});
