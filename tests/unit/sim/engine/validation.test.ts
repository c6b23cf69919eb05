import { describe, expect, it } from 'vitest';
import type { LooseRequest } from '../../../support/exchange-harness.ts';
import { createHarness } from '../../../support/exchange-harness.ts';

const rejection = (req: LooseRequest, h = createHarness()): [number, number, string] => {
  const e = h.reject(req);
  return [e.status, e.code, e.message];
};

describe('order shape', () => {
  it.each<[string, LooseRequest, [number, number, string]]>([
    ['no qty nor notional', { qty: undefined }, [422, 40010001, 'qty or notional is required']],
    ['qty and notional', { qty: 1, notional: 100 }, [422, 40010001, 'only one of qty or notional']],
    ['qty zero', { qty: 0 }, [422, 40010001, 'qty must be > 0']],
    ['qty negative', { qty: -1 }, [422, 40010001, 'qty must be > 0']],
    [
      'qty with 10 decimals',
      { qty: 0.0000000001 },
      [422, 40010001, 'qty must have at most 9 decimals'],
    ],
    ['missing type', { qty: 1, type: undefined }, [422, 40010001, 'order type is required']],
    ['bad type', { qty: 1, type: 'moon' as never }, [422, 40010001, 'invalid order type: "moon"']],
    [
      'missing time_in_force',
      { qty: 1, time_in_force: undefined },
      [422, 40010001, 'time_in_force is required'],
    ],
    ['bad side', { qty: 1, side: 'hold' as never }, [422, 40010001, 'invalid side: "hold"']],
    [
      'limit without limit_price',
      { qty: 1, type: 'limit' },
      [422, 40010001, 'limit_price is required'],
    ],
    [
      'stop without stop_price',
      { qty: 1, type: 'stop' },
      [422, 40010001, 'stop_price is required'],
    ],
    [
      'stop_limit without limit',
      { qty: 1, type: 'stop_limit', stop_price: 99 },
      [422, 40010001, 'limit_price is required'],
    ],
    [
      'trailing without trail',
      { qty: 1, type: 'trailing_stop' },
      [422, 40010001, 'trail_price or trail_percent is required'],
    ],
    [
      'trailing with both trails',
      { qty: 1, type: 'trailing_stop', trail_price: 1, trail_percent: 1 },
      [422, 40010001, 'only one of trail_price or trail_percent'],
    ],
    [
      'sub-penny limit',
      { qty: 1, type: 'limit', limit_price: 99.123 },
      [
        422,
        42210000,
        'invalid limit_price 99.123. sub-penny increment does not fulfill minimum pricing criteria',
      ],
    ],
    ['unknown symbol', { qty: 1, symbol: 'NOPE' }, [422, 40010001, 'asset "NOPE" not found']],
    [
      'extended hours market',
      { qty: 1, extended_hours: true },
      [422, 42210000, 'extended hours order must be DAY limit orders'],
    ],
    [
      'extended hours gtc limit',
      { qty: 1, type: 'limit', limit_price: 99, time_in_force: 'gtc', extended_hours: true },
      [422, 42210000, 'extended hours order must be DAY limit orders'],
    ],
  ])('%s', (_name, req, expected) => {
    expect(rejection(req)).toEqual(expected);
  });

  it('below $1 prices may have four decimals', () => {
    const h = createHarness();
    expect(
      h.submit({ symbol: 'PENNY', type: 'limit', limit_price: 0.4512, qty: 10 }).limit_price,
    ).toBe(0.4512);
  });
});

describe('fractional and notional orders', () => {
  it('fractional qty needs a fractionable asset', () => {
    expect(rejection({ symbol: 'BRK.A', qty: 0.5 })).toEqual([
      403,
      40310000,
      'asset "BRK.A" is not fractionable',
    ]);
    expect(rejection({ symbol: 'BRK.A', notional: 100 })).toEqual([
      403,
      40310000,
      'asset "BRK.A" is not fractionable',
    ]);
  });

  it('fractional orders must be DAY, not trailing stops, not advanced', () => {
    expect(rejection({ qty: 0.5, time_in_force: 'gtc' })).toEqual([
      422,
      40010001,
      'fractional orders must be DAY orders',
    ]);
    expect(rejection({ qty: 0.5, type: 'trailing_stop', trail_price: 1 })).toEqual([
      422,
      40010001,
      'fractional orders are not supported for trailing_stop orders',
    ]);
    expect(
      rejection({
        qty: 0.5,
        type: 'limit',
        limit_price: 99,
        order_class: 'bracket',
        take_profit: { limit_price: 110 },
        stop_loss: { stop_price: 90 },
      }),
    ).toEqual([422, 40010001, 'fractional orders are not supported for bracket orders']);
  });

  it('fractional qty buys fill; a notional buy fills notional / ask shares and qty stays null', () => {
    const h = createHarness({ spreadBps: 0 });
    h.submit({ qty: 0.5 });
    expect(h.ex.position('AAPL')!.qty).toBe(0.5);
    const o = h.submit({ notional: 250 });
    const done = h.ex.getOrder(o.id)!;
    expect(done).toMatchObject({ status: 'filled', qty: null, notional: 250, filled_qty: 2.5 });
    expect(h.ex.position('AAPL')!.qty).toBe(3);
  });

  it('fractional orders may not short; a notional sell sells notional / bid shares', () => {
    const h = createHarness();
    h.submit({ qty: 2 });
    expect(rejection({ side: 'sell', qty: 2.5 }, h)).toEqual([
      403,
      40310000,
      'fractional orders are not allowed to short',
    ]);
    h.submit({ side: 'sell', notional: 50 });
    expect(h.ex.position('AAPL')!.qty).toBe(1.5);
  });
});

describe('client_order_id', () => {
  it('is generated when absent and echoed when given', () => {
    const h = createHarness();
    expect(h.submit({ qty: 1 }).client_order_id).toMatch(/^[0-9a-f-]{36}$/);
    const o = h.submit({ qty: 1, client_order_id: 'mine-1' });
    expect(o.client_order_id).toBe('mine-1');
    expect(h.ex.getOrderByClientId('mine-1')!.id).toBe(o.id);
  });

  it('is unique forever, also after the first order ended', () => {
    const h = createHarness();
    const o = h.submit({ qty: 1, type: 'limit', limit_price: 50, client_order_id: 'abc' });
    h.ex.cancelOrder(o.id);
    expect(rejection({ qty: 1, client_order_id: 'abc' }, h)).toEqual([
      422,
      40010001,
      'client_order_id must be unique',
    ]);
  });

  it('may not exceed 128 characters; a rejected order does not use up its id', () => {
    const h = createHarness();
    expect(rejection({ qty: 1, client_order_id: 'x'.repeat(129) }, h)).toEqual([
      422,
      40010001,
      'client_order_id must be no more than 128 characters',
    ]);
    expect(rejection({ qty: 100_000, client_order_id: 'y'.repeat(128) }, h)[2]).toBe(
      'insufficient buying power',
    );
    expect(h.submit({ qty: 1, client_order_id: 'y'.repeat(128) }).status).toBe('new');
  });
});

describe('selling without a position', () => {
  it('is refused: the simulator does not open short positions', () => {
    expect(rejection({ side: 'sell', qty: 10 })).toEqual([
      403,
      40310000,
      'insufficient qty available for order (requested: 10, available: 0)',
    ]);
  });
});
