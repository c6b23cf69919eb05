/**
 * @module Wall-clock milliseconds with sub-millisecond precision: the one clock of latency stamps (a fill's
 * arrival at the adapter, the protective POST sent and acknowledged), so both ends are read alike. Decisions
 * never use it: they take time from the Clock port.
 */

export const wallNow = (): number => performance.timeOrigin + performance.now();
