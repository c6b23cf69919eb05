/** @module When a cron line `M H * * days` next fires after an instant, in the zone its daemon reads times in (Intl only). */

const formats = new Map<string, Intl.DateTimeFormat>();
function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, f);
  }
  return f;
}

/** The wall reading of an instant in a zone, as a UTC timestamp with the same fields. */
function wallAsUtc(ts: number, zone: string): number {
  const p = Object.fromEntries(
    format(zone)
      .formatToParts(new Date(ts))
      .map((x) => [x.type, Number(x.value)]),
  );
  return Date.UTC(
    p.year ?? 1970,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
}

/** The instant a wall time (given as UTC fields) happens in the zone; two passes settle a DST-change day. */
function zonedToEpoch(wall: number, zone: string): number {
  const first = wall - (wallAsUtc(wall, zone) - wall);
  return wall - (wallAsUtc(first, zone) - first);
}

/** Throws a RangeError for a zone Intl does not know. */
export function assertZone(zone: string): void {
  format(zone);
}

/**
 * The next instant after `now` at which `minute hour * * weekdays` fires in `zone` (weekdays 0 = Sunday .. 6).
 * @example nextCronRun({ minute: 35, hour: 9, weekdays: [1, 2, 3, 4, 5] }, 'America/New_York', Date.parse('2024-05-03T20:00:00Z')) // Monday 09:35 EDT
 */
export function nextCronRun(
  line: { readonly minute: number; readonly hour: number; readonly weekdays: readonly number[] },
  zone: string,
  now: number,
): number | undefined {
  const today = wallAsUtc(now, zone);
  const midnight = today - (today % 86_400_000);
  for (let day = 0; day <= 8; day += 1) {
    const wall = midnight + day * 86_400_000 + (line.hour * 60 + line.minute) * 60_000;
    if (!line.weekdays.includes(new Date(wall).getUTCDay())) continue;
    const at = zonedToEpoch(wall, zone);
    if (at > now) return at;
  }
  return undefined;
}
