/** @module One held symbol as the daemon sees it: position, exit state, and the sell orders that reserve its shares. */
import { roleOfClientOrderId, type OrderRole } from '../ids/client-order-ids.ts';
import type { ExitState, SoftExitRule } from '../rules/exit-rules.ts';
import { isTerminalStatus, type OrderReport } from '../orders.ts';

/** Where a sell order stands locally: sent and unanswered, unclear, working, or being cancelled. */
export type TrackedState = 'submitting' | 'unknown' | 'open' | 'cancelling';

/** One non-terminal sell order of the symbol (ours or foreign). An OCO is one entry: its parent and leg. */
export interface TrackedOrder {
  readonly clientOrderId: string;
  readonly orderId: string | null;
  /** Ids of the order and its legs not yet seen terminal. */
  readonly liveIds: readonly string[];
  readonly role: OrderRole;
  /** Shares it reserves (remaining quantity). */
  readonly qty: number;
  readonly stopPrice: number | null;
  readonly limitPrice: number | null;
  readonly state: TrackedState;
  /** Attempt number used in its client id (ours only). */
  readonly n: number;
  /** Daemon clock ms of the last state change. */
  readonly tsSince: number;
}

export type ExitRuleName = SoftExitRule | 'take_profit';

/** A soft exit under way: cancel (orphan protection), then sell at market. */
export interface ExitProgress {
  readonly rule: ExitRuleName;
  /** `all` sells the position; `fraction` sells only the fractional remainder at its target. */
  readonly scope: 'all' | 'fraction';
  readonly stage: 'cancelling' | 'selling';
  /** The REST sweep of the symbol's open orders: not asked, asked, answered. */
  readonly sweep: 'none' | 'asked' | 'done';
  readonly price: number;
  readonly floor: number | null;
  readonly tsStarted: number;
}

/** What prompted the next placement: the fill event and its arrival time, for latency accounting. */
export interface Trigger {
  readonly entryOrderId: string;
  readonly tsReceived: number;
}

export interface Holding {
  readonly symbol: string;
  /** Position size in shares (long; 0 once closed). */
  readonly qty: number;
  readonly exit: ExitState;
  /** Generation of the position: the id of the order that opened it; part of every client id. */
  readonly anchor: string;
  readonly entryOrderId: string;
  /** Next attempt number hint for client ids. */
  readonly seq: number;
  /** Under `protect: own`, whether strikeline opened it. */
  readonly managed: boolean;
  readonly orders: readonly TrackedOrder[];
  /** Open buy orders of the symbol: a protective sell is refused as a wash trade while one is open. */
  readonly openBuyIds: readonly string[];
  /** Protection waits for these buy orders to end (the broker refused it as a wash trade). */
  readonly deferredFor: readonly string[];
  readonly exitProgress: ExitProgress | null;
  readonly exitRetryAt: number;
  /** After a refused protection, no new attempt before this time unless new fills arrive. */
  readonly retryAt: number;
  readonly failures: number;
  /** Daemon clock ms when a trade update for this symbol was last applied. */
  readonly tsLastEvent: number;
  readonly trigger: Trigger | null;
  /** Order and client ids recently seen finished: a late answer about them must not revive them. */
  readonly ended: readonly string[];
  /**
   * The broker ended a protective order unasked (a corporate action, an operator): until a snapshot requested
   * after this time is read, nothing is re-placed at prices the broker may have just changed (0: not waiting).
   */
  readonly awaitingAuditSince: number;
}

/** The part of a holding kept in LMDB ('positions' table): enough to keep M and the entry time across restarts. */
export interface PersistedHolding {
  readonly symbol: string;
  readonly entryPrice: number;
  readonly tsEntry: number;
  readonly highWater: number;
  readonly anchor: string;
  readonly entryOrderId: string;
  readonly seq: number;
  readonly managed: boolean;
}

/** Half the 9-decimal quantity step: sums of quantities may carry float noise far below it, never a real share. */
const EPS = 5e-10;

/** Equal to the 9 decimals quantities have; 0.01 and 0.009999001 shares are different orders. */
export const sameQty = (a: number, b: number): boolean => Math.abs(a - b) < EPS;

export const isLive = (o: TrackedOrder): boolean => o.state !== 'cancelling';

/** Shares reserved by every tracked order, cancelling ones included (they hold shares until confirmed). */
export const reservedQty = (orders: readonly TrackedOrder[]): number =>
  orders.reduce((s, o) => s + o.qty, 0);

export const fitsPosition = (reserved: number, extra: number, position: number): boolean =>
  reserved + extra <= position + EPS;

export function newHolding(
  symbol: string,
  fields: Partial<Holding> & Pick<Holding, 'exit' | 'anchor'>,
): Holding {
  return {
    symbol,
    qty: 0,
    entryOrderId: fields.anchor,
    seq: 0,
    managed: true,
    orders: [],
    openBuyIds: [],
    deferredFor: [],
    exitProgress: null,
    exitRetryAt: 0,
    retryAt: 0,
    failures: 0,
    tsLastEvent: 0,
    trigger: null,
    ended: [],
    awaitingAuditSince: 0,
    ...fields,
  };
}

export function persistedOf(h: Holding): PersistedHolding {
  return {
    symbol: h.symbol,
    entryPrice: h.exit.entryPrice,
    tsEntry: h.exit.tsEntry,
    highWater: h.exit.highWater,
    anchor: h.anchor,
    entryOrderId: h.entryOrderId,
    seq: h.seq,
    managed: h.managed,
  };
}

export function holdingFromPersisted(p: PersistedHolding): Holding {
  return newHolding(p.symbol, {
    exit: { entryPrice: p.entryPrice, tsEntry: p.tsEntry, highWater: p.highWater },
    anchor: p.anchor,
    entryOrderId: p.entryOrderId,
    seq: p.seq,
    managed: p.managed,
  });
}

/** Finds the tracked order an update is about: by order id, a leg id, or our client id. */
export function findTracked(
  orders: readonly TrackedOrder[],
  orderId: string,
  clientOrderId: string,
): TrackedOrder | undefined {
  return orders.find(
    (o) =>
      o.orderId === orderId ||
      o.liveIds.includes(orderId) ||
      (clientOrderId !== '' && o.clientOrderId === clientOrderId),
  );
}

export function replaceTracked(
  orders: readonly TrackedOrder[],
  old: TrackedOrder,
  next: TrackedOrder | null,
): TrackedOrder[] {
  return orders.flatMap((o) => (o === old ? (next === null ? [] : [next]) : [o]));
}

const ENDED_WINDOW = 64;

/** Remembers finished ids (bounded window). */
export function withEnded(h: Holding, ...ids: readonly string[]): Holding {
  const fresh = ids.filter((id) => id !== '' && !h.ended.includes(id));
  return fresh.length === 0 ? h : { ...h, ended: [...h.ended, ...fresh].slice(-ENDED_WINDOW) };
}

/** Shares an order still asks for (a sell reserves them). */
export const remainingQty = (r: OrderReport): number => Math.max(0, (r.qty ?? 0) - r.filledQty);

/** A tracked order from a broker report (REST or an event): an OCO's leg ids and stop price come along. */
export function trackedFromReport(
  r: OrderReport,
  now: number,
  state: TrackedState = 'open',
  n = 0,
): TrackedOrder {
  const liveIds = [r, ...r.legs].filter((o) => !isTerminalStatus(o.status)).map((o) => o.id);
  const stopLeg = r.legs.find((l) => l.stopPrice !== null);
  return {
    clientOrderId: r.clientOrderId,
    orderId: r.id,
    liveIds: liveIds.length > 0 ? liveIds : [r.id],
    role: roleOfClientOrderId(r.clientOrderId),
    qty: r.side === 'sell' ? remainingQty(r) : 0,
    stopPrice: stopLeg?.stopPrice ?? r.stopPrice,
    limitPrice: r.limitPrice,
    state,
    n,
    tsSince: now,
  };
}
