import { describe, expect, it } from 'vitest';
import { coverageFromReports } from '../../../../src/domain/rules/coverage.ts';
import { qty } from '../../../../src/domain/money.ts';
import { order, position } from '../../../support/daemon-stubs.ts';

describe('coverageFromReports', () => {
  it("counts each open sell once (an OCO's legs share their shares) and flags the rest", () => {
    const oco = order({
      id: 'a',
      clientOrderId: 'sl-oco-AAPL-1',
      side: 'sell',
      orderClass: 'oco',
      status: 'new',
      qty: qty(10),
      filledQty: qty(0),
      legs: [order({ id: 'b', side: 'sell', status: 'new' })],
    });
    const stop = order({
      id: 'c',
      clientOrderId: 'sl-stp-AAPL-1',
      side: 'sell',
      status: 'new',
      qty: qty(0.5),
      filledQty: qty(0),
    });
    expect(
      coverageFromReports([position('AAPL', 10.5, 100), position('MSFT', 3, 50)], [oco, stop]),
    ).toEqual([
      {
        symbol: 'AAPL',
        qty: 10.5,
        ocoQty: 10,
        stopQty: 0.5,
        otherQty: 0,
        pendingQty: 0,
        unprotectedQty: 0,
      },
      {
        symbol: 'MSFT',
        qty: 3,
        ocoQty: 0,
        stopQty: 0,
        otherQty: 0,
        pendingQty: 0,
        unprotectedQty: 3,
      },
    ]);
  });
});
