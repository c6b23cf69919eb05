/**
 * @module The engine's two wall clocks, its only ones (lint forbids Date.now() elsewhere in src/). Decisions
 * never use them: they take time from the Clock port, which follows the broker.
 */

/**
 * Milliseconds with sub-millisecond precision: latency stamps (a fill's arrival at the adapter, the protective
 * POST sent and acknowledged), so both ends are read alike.
 */
export const wallNow = (): number => performance.timeOrigin + performance.now();

/** The system's epoch milliseconds, as other processes read them: liveness heartbeats, log file dates, timeouts. */
export const epochNow = (): number => Date.now();
