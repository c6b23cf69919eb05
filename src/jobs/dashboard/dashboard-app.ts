/**
 * @module The dashboard's HTTP face (hono): the page, its chart library, and a read-only JSON API:
 * `/api/snapshot`, `/api/events` (server-sent snapshots), `/api/health` (200 only while the daemon protects).
 * Off loopback every request needs the token, as `Authorization: Bearer` or `?token=`.
 */
import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { DaemonHealth } from '../ops/daemon-health.ts';
import type { DashboardSnapshot } from './collect-dashboard.ts';
import type { DashboardFeed } from './dashboard-feed.ts';
import type { Asset } from './page-assets.ts';

export interface DashboardAppOptions {
  readonly feed: DashboardFeed;
  readonly health: () => Promise<DaemonHealth>;
  readonly assets: Readonly<Record<string, Asset>>;
  /** Required on every request when set. */
  readonly token: string | undefined;
  /** Turns a snapshot into JSON text, secrets scrubbed. */
  readonly json: (value: unknown) => string;
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const bearer = (header: string | undefined): string | undefined =>
  /^Bearer (.+)$/.exec(header ?? '')?.[1];

export function dashboardApp(o: DashboardAppOptions): Hono {
  const app = new Hono();
  const { token } = o;
  if (token !== undefined)
    app.use('*', async (c, next) => {
      if (!sameToken(bearer(c.req.header('authorization')) ?? c.req.query('token'), token))
        return c.json({ error: 'a valid dashboard token is required (DASHBOARD_TOKEN)' }, 401);
      await next();
      return undefined;
    });
  const json = (c: Context, value: unknown, status: 200 | 503 = 200): Response =>
    c.body(o.json(value), status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });

  for (const [path, asset] of Object.entries(o.assets))
    app.get(path, (c) => c.body(asset.body, 200, { 'content-type': asset.type }));
  app.get('/api/snapshot', async (c) => json(c, await o.feed.latest()));
  app.get('/api/health', async (c) => {
    const health = await o.health();
    return json(c, health, health.ok ? 200 : 503);
  });
  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      const send = (s: DashboardSnapshot): Promise<void> =>
        stream.writeSSE({ event: 'snapshot', data: o.json(s) });
      const queue: DashboardSnapshot[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = o.feed.subscribe((s) => {
        queue.push(s);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await send(await o.feed.latest());
      while (!stream.aborted) {
        const next = queue.shift();
        if (next !== undefined) await send(next);
        else await new Promise<void>((resolve) => (wake = resolve));
      }
      unsubscribe();
    }),
  );
  return app;
}
