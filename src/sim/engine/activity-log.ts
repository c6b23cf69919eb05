/**
 * @module The account's activity: every fill, dividend paid and split applied, with Alpaca's activity ids
 * (`YYYYMMDDhhmmssSSS::<uuid>`: the time, then the execution's or the corporate action's id).
 */
import type { SimActivity } from '../account-contracts.ts';

export interface ActivityLog {
  add(activity: SimActivity): void;
  all(): readonly SimActivity[];
}

/** `20240501133105123::<id>` from an epoch ms time (UTC digits, as Alpaca's ids). */
export function activityId(ts: number, id: string): string {
  return `${new Date(ts).toISOString().replace(/[-:TZ.]/g, '')}::${id}`;
}

export function createActivityLog(): ActivityLog {
  const entries: SimActivity[] = [];
  return {
    add(activity) {
      entries.push(Object.freeze(activity));
    },
    all: () => entries,
  };
}
