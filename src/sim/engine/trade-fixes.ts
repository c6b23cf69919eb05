/**
 * @module Trade cancels and corrections, as the tape reports them after the fact: a canceled print is marked
 * `canceled`, a corrected one `incorrect` with a new `corrected` print at its time (an injected print, late). The
 * marks overlay the market's own prints and the injected ones alike; orders filled on a fixed print stay filled.
 */
import type { SimPrint, SimTradeFix } from '../contracts.ts';
import { PRINT_ID_SLOTS } from '../market/prints.ts';
import type { EngineState } from './engine-state.ts';
import { invalidRequest, notFound, unprocessable } from './rejections.ts';

/** The print with this id, market-made or injected, as it stands now. */
function findPrint(engine: EngineState, symbol: string, id: number): SimPrint {
  const ts = Math.floor(id / PRINT_ID_SLOTS);
  const own =
    id % PRINT_ID_SLOTS === 0
      ? engine.market.printsBetween(ts - 1, ts, [symbol])
      : engine.injected.between(symbol, ts - 1, ts);
  const found = own.find((p) => p.id === id);
  if (!found || found.ts > engine.now) throw notFound(`trade ${id} of ${symbol} not found`);
  const marked = engine.marks.mark(found);
  if (marked.update === 'canceled' || marked.update === 'incorrect')
    throw unprocessable(`trade ${id} of ${symbol} is already ${marked.update}`);
  return marked;
}

export function cancelTrade(engine: EngineState, symbol: string, id: number): SimTradeFix {
  const original = findPrint(engine, symbol, id);
  engine.marks.set(original, 'canceled');
  const fix: SimTradeFix = { kind: 'cancel', original, ts: engine.now };
  engine.hub.tradeFix(fix);
  return fix;
}

export function correctTrade(
  engine: EngineState,
  symbol: string,
  id: number,
  price: number,
  size: number,
): SimTradeFix {
  if (!Number.isFinite(price) || price <= 0) throw invalidRequest('price must be > 0');
  if (!Number.isFinite(size) || size <= 0) throw invalidRequest('size must be > 0');
  const original = findPrint(engine, symbol, id);
  engine.marks.set(original, 'incorrect');
  const corrected = engine.injected.record({
    symbol,
    price,
    size,
    ts: original.ts,
    late: true,
    update: 'corrected',
  });
  const fix: SimTradeFix = { kind: 'correct', original, corrected, ts: engine.now };
  engine.hub.tradeFix(fix);
  return fix;
}
