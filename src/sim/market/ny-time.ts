/** @module Fast America/New_York time arithmetic for the market (offsets from Intl, cached per UTC day). */

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const OFFSET_FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  timeZoneName: 'longOffset',
});

/** Offset (ms, negative west of UTC) read from Intl; slow, so only called through the caches below. */
function intlOffsetMs(ts: number): number {
  const name =
    OFFSET_FORMAT.formatToParts(new Date(ts)).find((p) => p.type === 'timeZoneName')?.value ??
    'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return (m[1] === '-' ? -minutes : minutes) * MINUTE_MS;
}

/** One UTC year of New York offsets: the offset at its start and each switch (DST) inside it. */
interface YearZone {
  readonly start: number;
  readonly end: number;
  readonly base: number;
  readonly switches: ReadonlyArray<readonly [ts: number, offset: number]>;
}

const zones = new Map<number, YearZone>();
let lastZone: YearZone = { start: 0, end: 0, base: 0, switches: [] };

/** Finds the first minute in [lo, hi) whose offset differs from `before` (offsets change on whole minutes). */
function findSwitch(lo: number, hi: number, before: number): number {
  let a = lo / MINUTE_MS;
  let b = hi / MINUTE_MS;
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (intlOffsetMs(mid * MINUTE_MS) === before) a = mid;
    else b = mid;
  }
  return b * MINUTE_MS;
}

function zoneOf(ts: number): YearZone {
  const year = new Date(ts).getUTCFullYear();
  const cached = zones.get(year);
  if (cached) return cached;
  const monthStarts = Array.from({ length: 13 }, (_, m) => Date.UTC(year, m, 1));
  const offsets = monthStarts.map(intlOffsetMs);
  const switches: Array<readonly [number, number]> = [];
  for (let m = 0; m < 12; m += 1) {
    const before = offsets[m] ?? 0;
    const after = offsets[m + 1] ?? 0;
    const lo = monthStarts[m] ?? 0;
    const hi = monthStarts[m + 1] ?? 0;
    if (before !== after) switches.push([findSwitch(lo, hi, before), after]);
  }
  const zone = {
    start: monthStarts[0] ?? 0,
    end: monthStarts[12] ?? 0,
    base: offsets[0] ?? 0,
    switches,
  };
  zones.set(year, zone);
  return zone;
}

/** New York's offset from UTC at ts, in ms (-4 h in summer, -5 h in winter). */
export function nyOffsetMs(ts: number): number {
  if (!(ts >= lastZone.start && ts < lastZone.end)) lastZone = zoneOf(ts);
  let offset = lastZone.base;
  for (const [at, value] of lastZone.switches) if (ts >= at) offset = value;
  return offset;
}

/** The epoch ms of a New York wall-clock time: `date` (YYYY-MM-DD) plus `minutes` after midnight. */
export function nyEpoch(date: string, minutes = 0): number {
  const local = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE_MS;
  const guess = local - nyOffsetMs(local);
  return local - nyOffsetMs(guess);
}

/** The New York date (YYYY-MM-DD) at ts. */
export function nyDateOf(ts: number): string {
  return new Date(ts + nyOffsetMs(ts)).toISOString().slice(0, 10);
}

/** Minutes since New York midnight at ts (fractional). */
export function nyMinutesOfDay(ts: number): number {
  const local = ts + nyOffsetMs(ts);
  return (((local % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS;
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Day of week of a YYYY-MM-DD date, 0 = Sunday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
