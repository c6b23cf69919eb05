import { describe, expect, it } from 'vitest';
import { orderJson, tradeUpdateJson } from '../../../../src/sim/server/order-json.ts';
import { simOrder } from './fixtures.ts';

describe('orderJson', () => {
  it('has every Alpaca order field, decimal strings and RFC-3339 times', () => {
    const json = orderJson(
      simOrder({
        type: 'limit',
        limit_price: 187.5,
        filled_qty: 4,
        filled_avg_price: 187.25,
        qty: 10,
      }),
      false,
    );
    expect(json).toMatchObject({
      asset_class: 'us_equity',
      type: 'limit',
      order_type: 'limit',
      order_class: '',
      qty: '10',
      filled_qty: '4',
      filled_avg_price: '187.25',
      limit_price: '187.5',
      stop_price: null,
      legs: null,
      created_at: expect.stringMatching(/^2024-05-01T13:30:00\.\d{3}Z$/),
      filled_at: null,
    });
    for (const key of [
      'id',
      'client_order_id',
      'updated_at',
      'submitted_at',
      'expired_at',
      'canceled_at',
      'failed_at',
      'replaced_at',
      'replaced_by',
      'replaces',
      'asset_id',
      'symbol',
      'notional',
      'side',
      'time_in_force',
      'status',
      'extended_hours',
      'trail_percent',
      'trail_price',
      'hwm',
    ]) {
      expect(json).toHaveProperty(key);
    }
  });

  it('writes simple orders with order_class "" and nests legs only when asked', () => {
    const leg = simOrder({
      type: 'stop',
      stop_price: 95,
      side: 'sell',
      status: 'new',
      order_class: 'oco',
    });
    const parent = simOrder({
      type: 'limit',
      limit_price: 110,
      side: 'sell',
      order_class: 'oco',
      legs: [leg],
    });
    expect(orderJson(simOrder({ order_class: 'simple' }), true).order_class).toBe('');
    expect(orderJson(parent, false).legs).toBeNull();
    const nested = orderJson(parent, true);
    expect(nested.order_class).toBe('oco');
    expect(nested.legs).toEqual([
      expect.objectContaining({ id: leg.id, stop_price: '95', legs: null }),
    ]);
  });
});

describe('tradeUpdateJson', () => {
  it('sends execution fields as strings and the order after the event', () => {
    const order = simOrder({ status: 'filled', filled_qty: 10, filled_avg_price: 100.01 });
    const json = tradeUpdateJson({
      event: 'fill',
      ts: Date.parse('2024-05-01T13:30:01Z'),
      order,
      price: 100.01,
      qty: 10,
      position_qty: 10,
      execution_id: 'e-1',
    });
    expect(json).toEqual({
      event: 'fill',
      timestamp: '2024-05-01T13:30:01.000Z',
      order: expect.objectContaining({ id: order.id, status: 'filled', filled_qty: '10' }),
      price: '100.01',
      qty: '10',
      position_qty: '10',
      execution_id: 'e-1',
    });
    expect(tradeUpdateJson({ event: 'new', ts: 0, order })).not.toHaveProperty('price');
  });
});
