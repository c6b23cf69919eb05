import { describe, expect, it } from 'vitest';
import { nyIso } from '../../../../src/domain/time/ny-time.ts';
import { describeFlatten, type FlattenResult } from '../../../../src/procedures/flatten-account.ts';
import { renderHalt, renderResume } from '../../../../src/jobs/ops/halt.ts';

const flat: FlattenResult = {
  marketOpen: true,
  tsNextOpen: Date.parse('2024-05-02T13:30:00Z'),
  tsBroker: Date.parse('2024-05-01T22:00:00Z'),
  canceledOrders: 3,
  closing: [
    { symbol: 'AAPL', qty: 10 },
    { symbol: 'MSFT', qty: 5 },
  ],
  liquidatingOrders: 0,
};
const record = { ts: '2024-05-01T14:00:00.000Z', who: 'alice', reason: 'broker incident' };

describe('describeFlatten', () => {
  it('says what was canceled and closed', () => {
    expect(describeFlatten(flat, nyIso)).toBe(
      'canceled 3 open orders, closing 2 positions at market (AAPL 10, MSFT 5)',
    );
  });
  it('says when the liquidating orders wait for the open', () => {
    expect(
      describeFlatten(
        {
          ...flat,
          marketOpen: false,
          canceledOrders: 1,
          closing: [{ symbol: 'KO', qty: 20 }],
          liquidatingOrders: 1,
        },
        nyIso,
      ),
    ).toBe(
      'canceled 1 open order, closing 1 position at market (KO 20); market closed: the liquidating orders are queued for the open at 2024-05-02T09:30:00-04:00',
    );
  });
  it('with nothing to do', () => {
    expect(describeFlatten({ ...flat, canceledOrders: 0, closing: [] }, nyIso)).toBe(
      'canceled 0 open orders, no positions to close',
    );
  });
});

describe('renderHalt and renderResume', () => {
  it('a new halt', () => {
    const text = renderHalt(
      { record, created: true, flatten: flat, error: null },
      '/srv/killswitch/HALT',
    );
    expect(text).toContain('HALT created: /srv/killswitch/HALT (by alice: broker incident)');
    expect(text).toContain('strikeline resume --ack');
  });
  it('a repeated halt, and one whose flatten failed', () => {
    expect(renderHalt({ record, created: false, flatten: flat, error: null }, 'HALT')).toContain(
      'HALT already in place since 2024-05-01T14:00:00.000Z (by alice: broker incident)',
    );
    expect(
      renderHalt({ record, created: true, flatten: null, error: 'connect ECONNREFUSED' }, 'HALT'),
    ).toContain('could not flatten the account: connect ECONNREFUSED');
  });
  it('a resume, and one with nothing to resume while TRADING_DISABLED is set', () => {
    expect(
      renderResume(
        { released: record, liftedKills: [], tradingDisabled: false },
        'bob',
        'reviewed',
      ),
    ).toBe(
      'HALT removed by bob: reviewed\n(it was set at 2024-05-01T14:00:00.000Z by alice: broker incident)\n',
    );
    expect(
      renderResume({ released: null, liftedKills: [], tradingDisabled: true }, 'bob', 'x'),
    ).toContain('TRADING_DISABLED is still set');
    expect(
      renderResume(
        {
          released: null,
          liftedKills: ['consecutive_failures: kill switch: 3 order failures in a row (limit 3)'],
          tradingDisabled: false,
        },
        'bob',
        'x',
      ),
    ).toBe(
      'no HALT file in place\nkill condition acknowledged: consecutive_failures: kill switch: 3 order failures in a row (limit 3)\n',
    );
  });
});
