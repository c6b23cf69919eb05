/**
 * @module What the market-data stream sends, from the exchange's events: `t` trades (each with its trade id), `q`
 * quotes, `b` minute bars once their minute ended, `u` updated bars when a late print corrects one, `d` the
 * running daily bar after each minute bar, `s` statuses at the open (trading) and the close (halted), `l` LULD
 * bands, `x` cancels and `c` corrections (to the trades subscribers, as Alpaca's cancelErrors and corrections).
 * Deterministic: the same prints give the same frames.
 */
import type { Exchange, SimBar, SimSessionEvent, SyntheticMarket } from '../../contracts.ts';
import { runningDailyBar } from './daily-bars.ts';
import { LuldBands } from './luld-bands.ts';
import { MinuteBarBuilder, type BuiltBar } from './minute-bar-builder.ts';
import type { Channel, Frame } from './stream-session.ts';
import { tradeConditions } from './wire.ts';

const BAR_POLL_MS = 250;

export type Publish = (channel: Channel, symbol: string, frame: () => Frame) => void;

export interface FeedDeps {
  readonly exchange: Exchange;
  readonly market: SyntheticMarket;
  tape(symbol: string): string;
}

const barFrame = (type: 'b' | 'u' | 'd', symbol: string, b: SimBar): Frame => ({
  T: type,
  S: symbol,
  o: b.o,
  h: b.h,
  l: b.l,
  c: b.c,
  v: b.v,
  t: new Date(b.t),
  n: b.n,
  vw: b.vw,
});

/** Status codes differ by tape: CTA (A, B) and UTP (C). The close is sent as a halt of the regular session. */
function statusFrame(event: SimSessionEvent, symbol: string, tape: string): Frame {
  const cta = tape !== 'C';
  const [sc, sm] =
    event.kind === 'open'
      ? cta
        ? ['3', 'Resume']
        : ['T', 'Trading Resumption']
      : cta
        ? ['2', 'Trading Halt']
        : ['H', 'Trading Halt'];
  return { T: 's', S: symbol, sc, sm, rc: '', rm: '', t: new Date(event.ts), z: tape };
}

/** Subscribes to the exchange and publishes; returns the teardown. */
export function attachFeeds(deps: FeedDeps, publish: Publish): () => void {
  const { exchange, market } = deps;
  const luld = new LuldBands(market.calendar);
  const bars = new MinuteBarBuilder((b: BuiltBar, kind) => {
    publish(kind === 'bar' ? 'bars' : 'updatedBars', b.symbol, () =>
      barFrame(kind === 'bar' ? 'b' : 'u', b.symbol, b),
    );
    publish('dailyBars', b.symbol, () => {
      const daily = runningDailyBar(market, b.symbol, bars.closedBars(b.symbol), exchange.now());
      return barFrame('d', b.symbol, daily ?? b);
    });
  });
  const offs = [
    exchange.onPrint((p) => {
      bars.add(p);
      publish('trades', p.symbol, () => ({
        T: 't',
        S: p.symbol,
        i: p.id,
        x: 'V',
        p: p.price,
        s: p.size,
        c: tradeConditions(p),
        z: deps.tape(p.symbol),
        t: new Date(p.ts),
      }));
      const band = luld.onPrint(p);
      if (band)
        publish('lulds', p.symbol, () => ({
          T: 'l',
          S: band.symbol,
          u: band.up,
          d: band.down,
          i: 'A',
          t: new Date(band.ts),
          z: deps.tape(band.symbol),
        }));
    }),
    exchange.onQuote((q) => {
      bars.closeUpTo(q.ts);
      publish('quotes', q.symbol, () => ({
        T: 'q',
        S: q.symbol,
        bx: 'V',
        bp: q.bid,
        bs: q.bid_size,
        ax: 'V',
        ap: q.ask,
        as: q.ask_size,
        c: ['R'],
        z: deps.tape(q.symbol),
        t: new Date(q.ts),
      }));
    }),
    exchange.onTradeFix((fix) => {
      const { original: o, corrected: c } = fix;
      const t = Math.floor(o.ts / 60_000) * 60_000;
      bars.restate(
        o.symbol,
        exchange
          .tradesBetween(o.symbol, t - 1, t + 59_999)
          .filter((p) => p.update !== 'canceled' && p.update !== 'incorrect'),
      );
      publish('trades', o.symbol, () =>
        c === undefined
          ? {
              T: 'x',
              S: o.symbol,
              i: o.id,
              x: 'V',
              p: o.price,
              s: o.size,
              a: 'C',
              z: deps.tape(o.symbol),
              t: new Date(fix.ts),
            }
          : {
              T: 'c',
              S: o.symbol,
              x: 'V',
              oi: o.id,
              op: o.price,
              os: o.size,
              oc: tradeConditions(o),
              ci: c.id,
              cp: c.price,
              cs: c.size,
              cc: tradeConditions(c),
              z: deps.tape(o.symbol),
              t: new Date(fix.ts),
            },
      );
    }),
    exchange.onSession((event) => {
      if (event.kind === 'open') bars.reset();
      else bars.closeUpTo(event.ts);
      for (const { symbol } of market.symbols)
        publish('statuses', symbol, () => statusFrame(event, symbol, deps.tape(symbol)));
    }),
  ];
  const poll = setInterval(() => {
    bars.closeUpTo(exchange.now());
  }, BAR_POLL_MS);
  poll.unref();
  return () => {
    for (const off of offs) off();
    clearInterval(poll);
  };
}
