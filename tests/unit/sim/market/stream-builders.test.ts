/** The pieces behind the stream's bars and LULD channels: late prints correcting closed bars, and the LULD band rules. */
import { describe, expect, it } from 'vitest';
import type { SimPrint } from '../../../../src/sim/contracts.ts';
import { createNyseCalendar } from '../../../../src/sim/market/calendar.ts';
import { LuldBands } from '../../../../src/sim/server/market-data/luld-bands.ts';
import {
  MinuteBarBuilder,
  type BuiltBar,
} from '../../../../src/sim/server/market-data/minute-bar-builder.ts';

const at = (hhmmss: string): number => Date.parse(`2024-05-01T${hhmmss}Z`);
const print = (ts: number, price: number, size = 100, late = false): SimPrint => ({
  symbol: 'AAPL',
  price,
  size,
  ts,
  id: ts * 1000,
  ...(late ? { late } : {}),
});

describe('MinuteBarBuilder', () => {
  it('emits a bar once its minute ended, then an updated bar when a late print falls in it', () => {
    const out: Array<[string, BuiltBar]> = [];
    const b = new MinuteBarBuilder((bar, kind) => out.push([kind, bar]));
    b.add(print(at('13:30:05'), 100));
    b.add(print(at('13:30:40'), 101));
    b.add(print(at('13:31:02'), 102));
    expect(out).toEqual([
      ['bar', expect.objectContaining({ t: at('13:30:00'), o: 100, c: 101, v: 200, n: 2 })],
    ]);
    b.add(print(at('13:30:01'), 99, 50, true));
    b.add(print(at('13:30:59'), 105, 50, true));
    expect(out.slice(1)).toEqual([
      [
        'updated',
        expect.objectContaining({ t: at('13:30:00'), o: 99, c: 101, l: 99, v: 250, n: 3 }),
      ],
      [
        'updated',
        expect.objectContaining({ t: at('13:30:00'), o: 99, c: 105, h: 105, v: 300, n: 4 }),
      ],
    ]);
    // A late print of the minute still being built just joins it; one of a minute never built changes nothing sent.
    b.add(print(at('13:31:01'), 90, 1, true));
    b.add(print(at('13:20:00'), 90, 1, true));
    expect(out).toHaveLength(3);
    b.closeUpTo(at('13:32:00'));
    expect(out.at(-1)).toEqual([
      'bar',
      expect.objectContaining({ t: at('13:31:00'), o: 90, c: 102, n: 2 }),
    ]);
    expect(b.closedBars('AAPL').map((x) => x.t)).toEqual([at('13:30:00'), at('13:31:00')]);
  });
});

describe('LuldBands', () => {
  const bands = (): LuldBands => new LuldBands(createNyseCalendar());

  it('opens at the first print with bands doubled to 10 % until 09:45, then 5 % around the 5-minute mean', () => {
    const l = bands();
    expect(l.onPrint(print(at('13:30:01'), 100))).toEqual({
      symbol: 'AAPL',
      up: 110,
      down: 90,
      ts: at('13:30:01'),
    });
    expect(l.onPrint(print(at('13:31:00'), 100.5))).toBeUndefined();
    const later = l.onPrint(print(at('13:45:00'), 100));
    expect(later).toEqual({ symbol: 'AAPL', up: 105, down: 95, ts: at('13:45:00') });
  });

  it('republishes when the reference moves 1 % or more, and ignores late prints and prints outside the session', () => {
    const l = bands();
    l.onPrint(print(at('14:00:00'), 50));
    expect(l.onPrint(print(at('14:01:00'), 50.9))).toBeUndefined();
    expect(l.onPrint(print(at('14:01:30'), 52, 1, true))).toBeUndefined();
    const moved = l.onPrint(print(at('14:02:00'), 51.5));
    expect(moved?.up).toBeCloseTo(((50 + 50.9 + 51.5) / 3) * 1.05, 2);
    expect(l.onPrint(print(at('21:00:00'), 10))).toBeUndefined();
  });

  it('uses 20 % bands from $0.75 to $3 and the lesser of $0.15 and 75 % below, doubled into the close under $3', () => {
    const l = bands();
    expect(l.onPrint({ ...print(at('14:00:00'), 2), symbol: 'X' })).toMatchObject({
      up: 2.4,
      down: 1.6,
    });
    expect(l.onPrint({ ...print(at('14:00:00'), 0.5), symbol: 'Y' })).toMatchObject({
      up: 0.65,
      down: 0.35,
    });
    expect(l.onPrint({ ...print(at('19:40:00'), 2), symbol: 'Z' })).toMatchObject({
      up: 2.8,
      down: 1.2,
    });
  });
});
