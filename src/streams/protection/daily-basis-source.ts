/**
 * @module The daemon's daily bars: for each held symbol, the strategy that opened it (the risk ledger's lot, else
 * its recent entry intent) and, when its strategy has an exit rule of its own or the ATR catastrophe stop is on,
 * the daily basis of its completed sessions (domain/rules/strategy-exits/daily-basis.ts), fetched from the
 * broker's bars API once per symbol and New York day, at start, when the held symbols change, and at each audit
 * interval (a strategy learnt late, a failed fetch, a new day). For an ml_momentum position, the basis also carries
 * the scan's model's P(up) at the last close (its reversal exit), read from the scan's kind of history. Emits a
 * StrategyBasis per change; serves the ATR.
 */
import {
  catchError,
  combineLatest,
  EMPTY,
  from,
  interval,
  map,
  mergeMap,
  startWith,
  type Observable,
} from 'rxjs';
import type { Bar } from '../../domain/account.ts';
import type { Logger } from '../../domain/ports.ts';
import {
  atrBefore,
  dailyBasis,
  type DailyBar,
  type DailyBasis,
} from '../../domain/rules/strategy-exits/daily-basis.ts';
import { hasStrategyExit } from '../../domain/rules/strategy-exits/strategy-exit-rules.ts';
import type { DatedBar } from '../../domain/rules/strategy-exits/up-probability-model.ts';
import { nyDate } from '../../domain/time/ny-time.ts';
import { exhaustMapLatest } from '../../operators/exhaust-map-latest.ts';
import type { StrategyBasis } from '../../operators/strategy-exit-watch.ts';
import { INTENTS_TABLE, type IntentRecord } from '../../records/intent-record.ts';
import { readLedger } from '../../records/risk-state.ts';
import type { Deps } from '../deps.ts';

const DAY_MS = 86_400_000;
/** 400 calendar days: the 100-day average and a settled Wilder RSI / ATR need well over 100 sessions. */
const HISTORY_MS = 400 * DAY_MS;
const YEAR_MS = 365.25 * DAY_MS;

export interface DailyBasisSource {
  readonly inputs$: (held$: Observable<readonly string[]>) => Observable<StrategyBasis>;
  /**
   * ATR(14) of the symbol's sessions before the entry's day, when its bars are loaded: the `atr` catastrophe stop
   * is set once at entry (seed 002) and stays the same on later days and after a restart.
   */
  readonly atrOf: (symbol: string, tsEntry: number) => number | null;
}

/**
 * The strategy whose entry opened a symbol's position: the ledger's lot; without a lot, the latest entry intent
 * sent lately. One ledger read and one pass over the intents per refresh, for all symbols (a refresh runs at each
 * change of the held symbols: a read per symbol made each fill's bookkeeping cost O(held x intents)).
 */
function strategiesOf(deps: Deps, now: number): (symbol: string) => string | null {
  const lots = readLedger(deps.store)?.lots;
  const since = now - (deps.config.exits.time_stop_days + 1) * DAY_MS;
  const latest = new Map<string, IntentRecord>();
  for (const [, r] of deps.store.table<IntentRecord>(INTENTS_TABLE).entries()) {
    if (r.tsCreated < since || (r.status !== 'submitted' && r.status !== 'fell_back')) continue;
    const seen = latest.get(r.symbol);
    // The first of equal times wins, as the stable sort by time (newest first) it replaces did.
    if (seen === undefined || r.tsCreated > seen.tsCreated) latest.set(r.symbol, r);
  }
  return (symbol) => {
    const lot = lots?.[symbol];
    return lot !== undefined ? lot.strategy : (latest.get(symbol)?.strategy ?? null);
  };
}

export function dailyBasisSource(deps: Deps, log: Logger, now: () => number): DailyBasisSource {
  const exits = deps.config.exits;
  const cache = new Map<
    string,
    { date: string; bars: readonly DailyBar[]; basis: DailyBasis | null }
  >();
  const atrs = new Map<string, number | null>();
  const emitted = new Map<string, string>();
  const wantsBars = (strategy: string | null): boolean =>
    exits.catastrophe_stop === 'atr' || (exits.strategy_exits && hasStrategyExit(strategy));

  const completedOf = (bars: readonly Bar[] | undefined, today: string): DatedBar[] =>
    (bars ?? []).map((b) => ({ ...b, date: nyDate(b.ts) })).filter((b) => b.date < today);

  /** ml_momentum's P(up) at the last completed close, from the scan's model over the scan's kind of history. */
  async function upProbabilities(
    symbols: readonly string[],
    today: string,
    tsNow: number,
  ): Promise<Map<string, number | null>> {
    const model = deps.mlModel;
    const out = new Map<string, number | null>();
    if (symbols.length === 0) return out;
    const bars = await deps.broker.getBars(
      symbols,
      '1Day',
      tsNow - model.historyYears * YEAR_MS,
      tsNow,
      model.adjustment,
    );
    for (const symbol of symbols)
      out.set(symbol, model.upProbability(symbol, completedOf(bars[symbol], today)));
    log.info(
      { symbols, today, upProbability: Object.fromEntries(out) },
      'ml_momentum model read for its reversal exit',
    );
    return out;
  }

  async function fetchBases(
    symbols: readonly string[],
    strategies: ReadonlyMap<string, string | null>,
    today: string,
  ): Promise<void> {
    if (symbols.length === 0) return;
    const tsNow = now();
    const bars = await deps.broker.getBars(symbols, '1Day', tsNow - HISTORY_MS, tsNow, 'split');
    const modelled = exits.strategy_exits
      ? symbols.filter((s) => strategies.get(s) === 'ml_momentum')
      : [];
    const up = await upProbabilities(modelled, today, tsNow);
    atrs.clear();
    for (const symbol of symbols) {
      const completed = completedOf(bars[symbol], today);
      const basis = dailyBasis(completed);
      cache.set(symbol, {
        date: today,
        bars: completed,
        basis: basis === null ? null : { ...basis, upProbability: up.get(symbol) ?? null },
      });
    }
    log.info({ symbols, today }, 'daily bars loaded for strategy exits and the ATR stop');
  }

  async function refresh(symbols: readonly string[]): Promise<StrategyBasis[]> {
    const today = nyDate(now());
    const strategyOf = strategiesOf(deps, now());
    const strategies = new Map(symbols.map((s) => [s, strategyOf(s)]));
    const missing = symbols.filter((s) => wantsBars(strategyOf(s)) && cache.get(s)?.date !== today);
    await fetchBases(missing, strategies, today);
    const out: StrategyBasis[] = [];
    for (const symbol of symbols) {
      const strategy = strategyOf(symbol);
      const basis = cache.get(symbol)?.basis ?? null;
      const key = `${strategy ?? ''}|${basis?.lastDate ?? ''}`;
      if (emitted.get(symbol) === key) continue;
      emitted.set(symbol, key);
      out.push({
        kind: 'StrategyBasis',
        symbol,
        strategy: exits.strategy_exits ? strategy : null,
        basis,
      });
    }
    return out;
  }

  return {
    atrOf: (symbol, tsEntry) => {
      const entry = cache.get(symbol);
      if (entry === undefined) return null;
      const key = `${symbol}|${nyDate(tsEntry)}|${entry.date}`;
      if (!atrs.has(key)) atrs.set(key, atrBefore(entry.bars, nyDate(tsEntry)));
      return atrs.get(key) ?? null;
    },
    inputs$: (held$) =>
      combineLatest([
        held$,
        interval(deps.config.protection.audit_interval_ms).pipe(startWith(0)),
      ]).pipe(
        map(([symbols]) => symbols),
        exhaustMapLatest((symbols) =>
          from(refresh(symbols)).pipe(
            // A failed fetch leaves the symbols without a basis until the next trigger retries it.
            catchError((e: unknown) => {
              log.warn(
                { symbols, err: e instanceof Error ? e.message : String(e) },
                'daily bars not loaded; strategy exits and the ATR stop wait',
              );
              return EMPTY;
            }),
          ),
        ),
        mergeMap((changes) => from(changes)),
      ),
  };
}
