import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { lastValueFrom, of } from 'rxjs';
import { openStore } from '../../../../src/adapters/store/lmdb-store.ts';
import { newHolding } from '../../../../src/domain/holdings/holding.ts';
import { emptyHoldings, type HoldingsState } from '../../../../src/domain/holdings/draft.ts';
import { persistHoldings } from '../../../../src/streams/protection/persist-holdings.ts';
import { readPositions } from '../../../../src/records/positions.ts';
import { initialHoldings } from '../../../../src/streams/protection/holdings-options.ts';
import { makeTempRoot } from '../../../support/temp-root.ts';
import { silentLogger } from '../../../../src/domain/silent-logger.ts';

const held = (symbol: string, qty: number, highWater: number) =>
  newHolding(symbol, {
    qty,
    exit: { entryPrice: 100, tsEntry: 7, highWater },
    anchor: `a-${symbol}`,
  });
const state = (synced: boolean, ...hs: ReturnType<typeof held>[]): HoldingsState => ({
  ...emptyHoldings(new Map(hs.map((h) => [h.symbol, h]))),
  synced,
});

describe('persistHoldings', () => {
  let temp: ReturnType<typeof makeTempRoot>;
  beforeEach(() => {
    temp = makeTempRoot('strikeline-persist-');
  });
  afterEach(() => {
    temp.cleanup();
  });

  it('keeps entry, entry time and M of held positions across a restart, and forgets closed ones', async () => {
    const store = openStore(join(temp.root, 'state'));
    const a1 = held('AAPL', 10, 101);
    const m1 = held('MSFT', 5, 50);
    const states = of(
      state(false, a1),
      state(true, a1, m1),
      state(true, { ...a1, exit: { ...a1.exit, highWater: 105 } }, { ...m1, qty: 0 }),
    );
    await lastValueFrom(states.pipe(persistHoldings(store, silentLogger, emptyHoldings())), {
      defaultValue: undefined,
    });
    expect(readPositions(store)).toEqual([
      {
        symbol: 'AAPL',
        entryPrice: 100,
        tsEntry: 7,
        highWater: 105,
        anchor: 'a-AAPL',
        entryOrderId: 'a-AAPL',
        seq: 0,
        managed: true,
      },
    ]);
    const restored = initialHoldings(store);
    expect(restored.synced).toBe(false);
    expect(restored.holdings.get('AAPL')?.exit).toEqual({
      entryPrice: 100,
      tsEntry: 7,
      highWater: 105,
    });
    await store.close();
  });

  it('writes nothing before the first snapshot', async () => {
    const store = openStore(join(temp.root, 'state2'));
    await lastValueFrom(
      of(state(false, held('AAPL', 10, 101))).pipe(
        persistHoldings(store, silentLogger, emptyHoldings()),
      ),
      { defaultValue: undefined },
    );
    expect(readPositions(store)).toEqual([]);
    await store.close();
  });
});
