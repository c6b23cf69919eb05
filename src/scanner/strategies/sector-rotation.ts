/**
 * @module sector_rotation (seed 001, disabled by default): each session, sectors are ranked by the mean 63-day
 * return of their universe members; entry for a symbol whose sector is among the top 3 and whose own 63-day
 * return is positive. Symbols without a known sector never signal.
 */
import { rateOfChange } from '../indicators/rate-of-change.ts';
import type { MarketData } from '../market-data.ts';
import type { Strategy, StrategyContext } from './strategy.ts';
import { signalsWhere } from './strategy.ts';

const LOOKBACK = 63;
const TOP = 3;

/** Per sector, a grid-length flag: 1 where the sector ranked in the top 3 that day. */
export function topSectors(
  market: MarketData,
  sectors: ReadonlyMap<string, string>,
): Map<string, Uint8Array> {
  const g = market.dates.length;
  const members = new Map<string, Array<{ start: number; roc: Float64Array }>>();
  for (const sym of market.symbols) {
    const sector = sectors.get(sym);
    const s = market.series.get(sym);
    if (sector === undefined || s === undefined) continue;
    const list = members.get(sector) ?? [];
    list.push({ start: s.start, roc: rateOfChange(s.close, LOOKBACK) });
    members.set(sector, list);
  }
  const out = new Map<string, Uint8Array>([...members.keys()].map((k) => [k, new Uint8Array(g)]));
  for (let t = 0; t < g; t += 1) {
    const scores: Array<{ sector: string; score: number }> = [];
    for (const [sector, list] of members) {
      let sum = 0;
      let m = 0;
      for (const { start, roc } of list) {
        const v = roc[t - start];
        if (v !== undefined && Number.isFinite(v)) {
          sum += v;
          m += 1;
        }
      }
      if (m > 0) scores.push({ sector, score: sum / m });
    }
    if (scores.length <= TOP) continue; // ranking needs more sectors than places
    scores.sort((a, b) => b.score - a.score || a.sector.localeCompare(b.sector));
    for (const { sector } of scores.slice(0, TOP)) (out.get(sector) as Uint8Array)[t] = 1;
  }
  return out;
}

/** The scan-wide data this strategy reads, computed once per scan. */
const topSectorsOf = (ctx: StrategyContext): Map<string, Uint8Array> =>
  ctx.shared('sector_rotation', () => topSectors(ctx.market, ctx.settings.sectors));

export const sectorRotation: Strategy = {
  name: 'sector_rotation',
  rule: 'sector in the top 3 by mean 63-day member return (more than 3 sectors ranked) and own 63-day return > 0',
  warmup: LOOKBACK + 1,
  unavailable: (ctx) =>
    ctx.market.symbols.some((s) => ctx.settings.sectors.has(s))
      ? null
      : 'no universe symbol has a known sector',
  prepare(ctx) {
    topSectorsOf(ctx);
  },
  signals(s, ctx) {
    const sector = ctx.settings.sectors.get(s.symbol);
    const n = s.close.length;
    if (sector === undefined) return new Uint8Array(n);
    const top = topSectorsOf(ctx).get(sector);
    const roc = ctx.indicators(s).roc(LOOKBACK);
    return signalsWhere(
      n,
      LOOKBACK,
      (i) => top !== undefined && top[s.start + i] === 1 && (roc[i] as number) > 0,
    );
  },
};
