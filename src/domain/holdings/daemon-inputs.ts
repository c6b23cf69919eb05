/**
 * @module What goes into the daemon's reducer (broker events, REST snapshots, exit signals, command outcomes)
 * and the broker commands that come out of it.
 */
import type { ClockReport, PositionReport } from '../account.ts';
import type { BrokerErrorKind } from '../broker-error.ts';
import type { OrderRole } from '../ids/client-order-ids.ts';
import type { TradeUpdate } from '../events.ts';
import type { SoftExitDecision } from '../rules/exit-rules.ts';
import type { OrderReport, SubmitOrder } from '../orders.ts';

export type OwnRole = Exclude<OrderRole, 'foreign'>;

/** A REST picture of the account: the coverage audit's input, and startup's reconciliation. */
export interface Snapshot {
  readonly kind: 'Snapshot';
  readonly positions: readonly PositionReport[];
  readonly openOrders: readonly OrderReport[];
  /** Closed orders of symbols the daemon did not know: entry time, position generation and ownership. */
  readonly recentOrders: readonly OrderReport[];
  /** Daemon clock when the snapshot was requested: events applied after it are newer than the snapshot. */
  readonly tsRequested: number;
}

export interface ClockSynced {
  readonly kind: 'ClockSynced';
  readonly report: ClockReport;
}

/** The timer: re-evaluates every holding (retries, session open, unclear orders). */
export interface Tick {
  readonly kind: 'Tick';
}

export interface SoftExitDue {
  readonly kind: 'SoftExitDue';
  readonly symbol: string;
  readonly decision: SoftExitDecision;
}

/** The fractional remainder's target traded: the daemon sells the fraction (broker-side OCO covers whole shares). */
export interface FractionTargetDue {
  readonly kind: 'FractionTargetDue';
  readonly symbol: string;
  readonly price: number;
  readonly target: number;
}

export interface HighWaterRaised {
  readonly kind: 'HighWaterRaised';
  readonly symbol: string;
  readonly highWater: number;
}

/** Why a protective order is placed, for the journal: the entry, the prices, and the fill that prompted it. */
export interface Placement {
  readonly entryOrderId: string;
  readonly entryPrice: number;
  readonly stopPrice: number;
  readonly takeProfitPrice: number | null;
  /** Arrival (wall ms) of the fill event that prompted it; null for audit repairs and re-arms. */
  readonly tsTrigger: number | null;
  readonly cause: string;
}

export interface Submit {
  readonly kind: 'Submit';
  readonly symbol: string;
  readonly role: OwnRole;
  readonly n: number;
  readonly order: SubmitOrder;
  readonly placement: Placement | null;
}

export interface Cancel {
  readonly kind: 'Cancel';
  readonly symbol: string;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly reason: string;
}

/** Resolve an unclear submission through GET /v2/orders:by_client_order_id. */
export interface Resolve {
  readonly kind: 'Resolve';
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly command: Submit | null;
}

/** List the symbol's open orders over REST (orphan protection before a soft exit). */
export interface Sweep {
  readonly kind: 'Sweep';
  readonly symbol: string;
}

export interface RequestAudit {
  readonly kind: 'RequestAudit';
  readonly reason: string;
}

export type DaemonCommand = Submit | Cancel | Resolve | Sweep | RequestAudit;

export interface SubmitAcked {
  readonly kind: 'SubmitAcked';
  readonly command: Submit;
  readonly report: OrderReport;
  /** Wall ms when the POST was handed to the broker adapter, and when its answer came back. */
  readonly tsSent: number;
  readonly tsAck: number;
  /** True when the order was found already placed (same client id) rather than created by this POST. */
  readonly adopted: boolean;
}

export interface SubmitRejected {
  readonly kind: 'SubmitRejected';
  readonly command: Submit;
  readonly error: string;
  readonly errorKind: BrokerErrorKind;
  /** The broker's Retry-After (rate limited), when it gave one: the retry waits exactly this long. */
  readonly retryAfterMs: number | null;
}

/** The client id is taken by an order that already finished: the next attempt number is needed. */
export interface SubmitDuplicate {
  readonly kind: 'SubmitDuplicate';
  readonly command: Submit;
  readonly report: OrderReport;
}

/** The POST's outcome is unclear (timeout, network, 5xx): OrderUnknown until resolved by client id. */
export interface SubmitUnknown {
  readonly kind: 'SubmitUnknown';
  readonly command: Submit;
  readonly error: string;
}

export interface SubmitResolved {
  readonly kind: 'SubmitResolved';
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly report: OrderReport | null;
}

export interface OrderFetched {
  readonly kind: 'OrderFetched';
  readonly symbol: string;
  readonly report: OrderReport;
}

export interface OpenOrdersSwept {
  readonly kind: 'OpenOrdersSwept';
  readonly symbol: string;
  /** Null when the listing failed: the exit goes on with what is tracked. */
  readonly orders: readonly OrderReport[] | null;
}

export type CommandOutcome =
  | SubmitAcked
  | SubmitRejected
  | SubmitDuplicate
  | SubmitUnknown
  | SubmitResolved
  | OrderFetched
  | OpenOrdersSwept;

export type DaemonInput =
  | TradeUpdate
  | Snapshot
  | ClockSynced
  | Tick
  | SoftExitDue
  | FractionTargetDue
  | HighWaterRaised
  | CommandOutcome;

/** One input with the daemon's clock and the kill switch as read when it arrived (the reducer stays pure). */
export interface Envelope {
  readonly input: DaemonInput;
  readonly now: number;
  /** Kill switch engaged or safety mode flattening: the daemon places and cancels nothing. */
  readonly halted: boolean;
}
