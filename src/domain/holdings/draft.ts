/** @module The holdings state, the reducer's options, and the draft one input's changes are collected in. */
import type { ClockReport } from '../account.ts';
import type { DaemonCommand } from './daemon-inputs.ts';
import type { DaemonEvent } from './daemon-events.ts';
import type { ExitRuleOptions } from '../rules/exit-rules.ts';
import type { Holding } from './holding.ts';
import { LayeredMap, type LayeredMapEdit } from './layered-map.ts';

export interface HoldingsState {
  readonly holdings: ReadonlyMap<string, Holding>;
  /** The first REST snapshot has been applied: before it the daemon knows too little to act. */
  readonly synced: boolean;
  readonly clock: ClockReport | null;
  readonly sessionOpen: boolean;
  readonly halted: boolean;
}

export interface HoldingsOptions {
  readonly rules: ExitRuleOptions;
  /** `all`: every buy fill in the account is protected; `own`: only strikeline's entries. */
  readonly protect: 'all' | 'own';
  /** Client id prefix of strikeline's entries. */
  readonly ownPrefix: string;
  /** After a refused exit sale, no new soft exit of the symbol before this long. */
  readonly exitRetryMs: number;
  /** Backoff of refused protections: base, doubled per failure, capped. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** An unclear order outcome is resolved by client id after this long. */
  readonly unknownTimeoutMs: number;
  /** ATR(14) of a symbol's daily bars before the entry's day, when known (the daemon's daily-bar cache): the `atr` catastrophe stop. */
  readonly atrOf?: (symbol: string, tsEntry: number) => number | null;
}

export const emptyHoldings = (
  holdings: ReadonlyMap<string, Holding> = new Map(),
): HoldingsState => ({
  holdings,
  synced: false,
  clock: null,
  sessionOpen: false,
  halted: false,
});

/** Collects one input's changes: a local builder, so the reducer stays a pure function of (state, input). */
export class Draft {
  /** The next holdings, built on the previous version's (shared, never copied whole: see layered-map.ts). */
  readonly holdings: LayeredMapEdit<string, Holding>;
  readonly commands: DaemonCommand[] = [];
  readonly events: DaemonEvent[] = [];
  readonly touched = new Set<string>();
  /** Symbols whose exit state a split rescaled this round. */
  readonly rescaled = new Set<string>();
  /** This round's view: first snapshot applied, session open, kill switch engaged. */
  synced: boolean;
  sessionOpen: boolean;
  halted: boolean;

  constructor(
    readonly state: HoldingsState,
    readonly now: number,
    readonly options: HoldingsOptions,
    /** What prompted this round, for the journal (fill, audit, tick, ...). */
    readonly cause: string,
  ) {
    this.holdings = LayeredMap.of(state.holdings).edit();
    this.synced = state.synced;
    this.sessionOpen = state.sessionOpen;
    this.halted = state.halted;
  }

  get(symbol: string): Holding | undefined {
    return this.holdings.get(symbol);
  }

  set(h: Holding): void {
    this.holdings.set(h.symbol, h);
    this.touched.add(h.symbol);
  }

  /** Replaces a holding without scheduling it for planning (bookkeeping such as M). */
  put(h: Holding): void {
    this.holdings.set(h.symbol, h);
  }

  remove(symbol: string): void {
    this.holdings.delete(symbol);
  }

  touch(symbol: string): void {
    this.touched.add(symbol);
  }

  touchAll(): void {
    for (const s of this.holdings.keys()) this.touched.add(s);
  }

  emit(event: DaemonEvent): void {
    this.events.push(event);
  }

  command(command: DaemonCommand): void {
    this.commands.push(command);
  }
}
