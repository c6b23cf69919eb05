/** @module Wall-clock milliseconds with sub-millisecond precision: the clock of latency measurements (as the feed's arrival stamps). */

export const wallNow = (): number => performance.timeOrigin + performance.now();
