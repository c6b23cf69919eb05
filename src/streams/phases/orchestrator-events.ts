/** @module What the orchestrator tells the rest of the daemon (status, logs, tests): phase changes, task runs, halts. */
import type { MarketPhase } from '../../domain/phases/market-phases.ts';

export interface PhaseEntered {
  readonly kind: 'PhaseEntered';
  readonly phase: MarketPhase;
  /** The trading day the phase belongs to (OVERNIGHT: the session before it). */
  readonly day: string;
  readonly tsStart: number;
  readonly tsEnd: number | null;
  /** The daemon's time when it noticed (a restart mid-phase notices late). */
  readonly tsEntered: number;
}

export interface TaskRan {
  readonly kind: 'TaskRan';
  readonly phase: MarketPhase;
  readonly day: string;
  readonly task: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly tsStart: number;
  readonly durationMs: number;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** The kill switch engaged (every task stops) or released. */
export interface TasksHalted {
  readonly kind: 'TasksHalted';
  readonly halted: boolean;
  readonly tsEvent: number;
}

export type OrchestratorEvent = PhaseEntered | TaskRan | TasksHalted;
