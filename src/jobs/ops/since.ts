/** @module `--since` values: a duration back from now (`90m`, `24h`, `7d`) or an ISO date/time. */

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Epoch ms for `text` relative to `nowMs`, or undefined when it is neither form. */
export function parseSince(text: string, nowMs: number): number | undefined {
  const duration = /^(\d+(?:\.\d+)?)([mhd])$/.exec(text.trim());
  if (duration?.[1] !== undefined && duration[2] !== undefined)
    return nowMs - Number(duration[1]) * (UNIT_MS[duration[2]] ?? 0);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const ts = Date.parse(text);
  return Number.isFinite(ts) ? ts : undefined;
}
