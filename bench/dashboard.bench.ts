/**
 * @module What the dashboard costs and how fast it shows a fill: a daemon on the simulator, `strikeline dashboard`
 * as a child process, a reader of its event stream. For each of N entries: the time from the fill reaching a
 * trade_updates client to the first server-sent snapshot listing the position (and to it showing as protected).
 * Then the dashboard's RSS and its CPU over an idle window and over the active one (from /proc).
 */
import { readFileSync } from 'node:fs';
import { spawnDaemon } from '../tests/support/daemon-process.ts';
import { spawnDashboard } from '../tests/support/dashboard-process.ts';
import {
  connectTradeUpdates,
  control,
  sdkFor,
  startTestSimulator,
  waitFor,
} from '../tests/support/sim.ts';
import type { DashboardSnapshot } from '../src/jobs/dashboard/collect-dashboard.ts';

const SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'META', 'GOOGL', 'TSLA', 'JPM'];
const IDLE_MS = 20_000;

const cpuMs = (pid: number): number => {
  const fields =
    readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
      .split(') ')[1]
      ?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
};
const rssMb = (pid: number): number =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${String(pid)}/status`, 'utf8'))?.[1] ?? 0) /
  1024;

async function readEvents(
  url: string,
  onSnapshot: (s: DashboardSnapshot) => void,
  signal: AbortSignal,
): Promise<void> {
  const res = await fetch(`${url}api/events`, { signal });
  const reader = res.body?.getReader();
  if (reader === undefined) throw new Error('no event stream');
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const data = buffer
        .slice(0, end)
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trim())
        .join('');
      buffer = buffer.slice(end + 2);
      if (data !== '') onSnapshot(JSON.parse(data) as DashboardSnapshot);
    }
  }
}

export async function run(): Promise<string> {
  const t = await startTestSimulator();
  const abort = new AbortController();
  const daemon = spawnDaemon(t.env);
  const dashboard = spawnDashboard(['--port', '0'], t.env);
  try {
    await control(t.sim).clock({ to: '2024-05-01T13:31:00Z', quiet: true });
    await daemon.ready();
    const url = await dashboard.url();
    const pid = dashboard.proc.pid ?? 0;
    const seen = new Map<string, { listed?: number; protectedAt?: number }>();
    void readEvents(
      url,
      (s) => {
        for (const p of s.status.positions) {
          const m = seen.get(p.symbol) ?? {};
          m.listed ??= performance.now();
          if (p.coverage.state === 'protected') m.protectedAt ??= performance.now();
          seen.set(p.symbol, m);
        }
      },
      abort.signal,
    );
    const updates = await connectTradeUpdates(t.sim);
    await new Promise((r) => setTimeout(r, 3_000));
    const cpuIdle0 = cpuMs(pid);
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const idleCpuPct = ((cpuMs(pid) - cpuIdle0) / IDLE_MS) * 100;
    const rows: string[] = [];
    const cpuActive0 = cpuMs(pid);
    const tsActive0 = performance.now();
    for (const symbol of SYMBOLS) {
      await control(t.sim).trade({ symbol, price: 100, size: 1_000 });
      const order = await sdkFor(t.sim).alpaca.trading.orders.market({
        symbol,
        qty: 3,
        side: 'buy',
      });
      await waitFor(
        () => updates.updates.some((u) => u.order.id === order.id && u.event === 'fill'),
        15_000,
        'the fill',
      );
      const tsFill = performance.now();
      await waitFor(
        () => seen.get(symbol)?.protectedAt,
        30_000,
        `${symbol} protected on the dashboard`,
      );
      const m = seen.get(symbol) ?? {};
      rows.push(
        `${symbol.padEnd(6)} fill -> listed ${((m.listed ?? 0) - tsFill).toFixed(0).padStart(5)} ms   fill -> shown protected ${((m.protectedAt ?? 0) - tsFill).toFixed(0).padStart(5)} ms`,
      );
    }
    const activeMs = performance.now() - tsActive0;
    const activeCpuPct = ((cpuMs(pid) - cpuActive0) / activeMs) * 100;
    updates.close();
    return [
      ...rows,
      `dashboard RSS ${rssMb(pid).toFixed(0)} MB; CPU idle ${idleCpuPct.toFixed(1)} % of one core over ${String(IDLE_MS / 1000)} s, ` +
        `while filling ${activeCpuPct.toFixed(1)} % over ${(activeMs / 1000).toFixed(1)} s (one page stream open)`,
    ].join('\n');
  } finally {
    abort.abort();
    dashboard.proc.kill('SIGTERM');
    daemon.proc.kill('SIGTERM');
    await Promise.all([dashboard.exit(), daemon.exit()]);
    await t.stop();
  }
}
