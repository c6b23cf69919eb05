import type { SimOrder } from '../../../../src/sim/contracts.ts';

let n = 0;
/** A SimOrder record for serialisation tests (what the exchange hands the server). */
export function simOrder(overrides: Partial<SimOrder> = {}): SimOrder {
  n += 1;
  const ts = Date.parse('2024-05-01T13:30:00Z') + n;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    client_order_id: `c-${n}`,
    symbol: 'AAPL',
    asset_id: 'b0b6dd9d-8b9b-48a9-ba46-b9d54906e415',
    side: 'buy',
    type: 'market',
    time_in_force: 'day',
    order_class: '',
    status: 'new',
    qty: 10,
    notional: null,
    filled_qty: 0,
    filled_avg_price: null,
    limit_price: null,
    stop_price: null,
    trail_price: null,
    trail_percent: null,
    hwm: null,
    extended_hours: false,
    position_intent: 'buy_to_open',
    expires_at: Date.parse('2024-05-01T20:00:00Z'),
    created_at: ts,
    updated_at: ts,
    submitted_at: ts,
    filled_at: null,
    expired_at: null,
    canceled_at: null,
    failed_at: null,
    replaced_at: null,
    replaced_by: null,
    replaces: null,
    legs: [],
    parent_id: null,
    ...overrides,
  };
}
