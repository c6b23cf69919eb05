/** @module What the daemon reports: the events it logs, journals (every money decision) and alerts on. */
import type { OrderRole } from '../ids/client-order-ids.ts';
import type { ExitState } from '../rules/exit-rules.ts';
import type { ExitRuleName } from './holding.ts';

export interface FillReceived {
  readonly kind: 'FillReceived';
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly role: OrderRole | 'entry';
  readonly price: number;
  readonly qty: number;
  readonly positionQty: number;
  readonly executionId: string | null;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly tsEvent: number;
  readonly tsReceived: number;
}

export interface ProtectionPlaced {
  readonly kind: 'ProtectionPlaced';
  readonly symbol: string;
  readonly role: 'oco' | 'stop';
  readonly clientOrderId: string;
  readonly orderId: string;
  readonly qty: number;
  readonly entryOrderId: string;
  readonly entryPrice: number;
  readonly stopPrice: number;
  readonly takeProfitPrice: number | null;
  /** Fill event arrival -> protective POST sent, and -> acknowledged (ms); null when no fill prompted it. */
  readonly latencySentMs: number | null;
  readonly latencyAckMs: number | null;
  readonly cause: string;
  readonly adopted: boolean;
}

export interface ProtectionCancelling {
  readonly kind: 'ProtectionCancelling';
  readonly symbol: string;
  readonly role: OrderRole;
  readonly clientOrderId: string;
  readonly orderId: string;
  readonly reason: string;
}

export interface ProtectionFailed {
  readonly kind: 'ProtectionFailed';
  readonly symbol: string;
  readonly role: 'oco' | 'stop';
  readonly clientOrderId: string;
  readonly error: string;
  /** Waiting for an open entry to finish (a wash-trade refusal), not a failure to alert on. */
  readonly deferred: boolean;
  readonly retryAt: number;
  /** Set when the broker throttled the request (HTTP 429, classified at the adapter): not a refusal of the order. */
  readonly rateLimited?: true;
}

export interface OrderUnknown {
  readonly kind: 'OrderUnknown';
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly error: string;
}

export interface OrderResolved {
  readonly kind: 'OrderResolved';
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly status: string | null;
}

export interface SoftExitStarted {
  readonly kind: 'SoftExitStarted';
  readonly symbol: string;
  readonly rule: ExitRuleName;
  readonly scope: 'all' | 'fraction';
  readonly price: number;
  readonly floor: number | null;
  readonly qty: number;
  readonly entryPrice: number;
  readonly highWater: number;
}

export interface ExitSubmitted {
  readonly kind: 'ExitSubmitted';
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly qty: number;
  readonly rule: ExitRuleName;
}

export interface ExitRejected {
  readonly kind: 'ExitRejected';
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly rule: ExitRuleName;
  readonly error: string;
  /** Set when the broker throttled the request (HTTP 429, classified at the adapter): not a refusal of the order. */
  readonly rateLimited?: true;
}

export interface PositionClosed {
  readonly kind: 'PositionClosed';
  readonly symbol: string;
  readonly entryPrice: number;
  readonly highWater: number;
}

export interface AuditRepair {
  readonly kind: 'AuditRepair';
  readonly symbol: string;
  readonly action: 'protect' | 'cancel';
  readonly clientOrderId: string;
  readonly detail: string;
}

/** Coverage of one held symbol after an audit. */
export interface CoverageLine {
  readonly symbol: string;
  readonly qty: number;
  readonly ocoQty: number;
  readonly stopQty: number;
  readonly otherQty: number;
  readonly pendingQty: number;
  readonly unprotectedQty: number;
}

export interface AuditCompleted {
  readonly kind: 'AuditCompleted';
  readonly tsRequested: number;
  readonly coverage: readonly CoverageLine[];
  readonly repairs: number;
}

/** The exit evaluator's view of one symbol changed (opened, entry moved, closed). */
export interface ExitTrack {
  readonly kind: 'ExitTrack';
  readonly symbol: string;
  readonly state: ExitState | null;
  readonly fraction: number;
  /** The exit state was rescaled (a split): its high-water mark replaces the one tracked, never maxed with it. */
  readonly rescaled: boolean;
}

export interface HaltChanged {
  readonly kind: 'HaltChanged';
  readonly halted: boolean;
}

export interface SessionChanged {
  readonly kind: 'SessionChanged';
  readonly open: boolean;
}

export type DaemonEvent =
  | FillReceived
  | ProtectionPlaced
  | ProtectionCancelling
  | ProtectionFailed
  | OrderUnknown
  | OrderResolved
  | SoftExitStarted
  | ExitSubmitted
  | ExitRejected
  | PositionClosed
  | AuditRepair
  | AuditCompleted
  | ExitTrack
  | HaltChanged
  | SessionChanged;
