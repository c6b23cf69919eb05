/** @module What both processes of the loopback benchmark share: the IPC messages, credentials, payload sizes, sized JSON and the cross-process clock. */

export interface PayloadSizes {
  readonly eventBytes: number;
  readonly postBytes: number;
  readonly responseBytes: number;
}

/** A JSON text of exactly `bytes` bytes (ASCII), so both sides parse it as the real ones would. */
export const jsonOfSize = (bytes: number, kind: string): string => {
  const head = JSON.stringify({ kind, pad: '' });
  return JSON.stringify({ kind, pad: 'x'.repeat(Math.max(0, bytes - head.length)) });
};

/**
 * Milliseconds on CLOCK_MONOTONIC (libuv's hrtime), which every process on the machine shares: a stamp taken in
 * the exchange's process and one taken in the daemon's are on one timeline (performance.now() is per process).
 */
export const monoMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** sim and floor play the exchange; floor-client answers the floor's events as the daemon answers fills. */
export type ChildRole = 'sim' | 'floor' | 'floor-client';

export interface FloorClientArgs {
  readonly rest: string;
  readonly stream: string;
  readonly postBytes: number;
  readonly client: 'http' | 'fetch';
}

export type ChildMessage =
  { readonly cmd: 'fill'; readonly id: string } | { readonly cmd: 'stamps' };
export interface ChildReady {
  readonly ready: { readonly rest: string; readonly stream: string };
}
export interface ChildAcked {
  readonly acked: string;
}
export interface ChildStamps {
  readonly stamps: Readonly<Record<string, number>>;
  /** sim only: the wire sizes of a fill event and of an OCO's acknowledgement, for the floor to send alike. */
  readonly sizes?: Pick<PayloadSizes, 'eventBytes' | 'responseBytes'>;
}
export type ChildReply = ChildReady | ChildAcked | ChildStamps;

export const BENCH_KEY = 'PKBENCHKEY';
export const BENCH_SECRET = 'bench-secret';
export const SIM_START = '2024-05-01T13:25:00Z';
export const SIM_OPEN = '2024-05-01T13:31:00Z';
