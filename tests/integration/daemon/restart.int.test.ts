/**
 * `strikeline stream` as a child process: the ready line once connected and audited; killed with SIGKILL, a buy
 * filled while it is down, and the restarted daemon protects it and duplicates nothing; SIGTERM stops it
 * cleanly (exit 0); no secret in any log file.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/adapters/store/lmdb-store.ts';
import { BIN, REPO } from '../../support/run-cli.ts';
import { TEST_KEY, TEST_SECRET, waitFor } from '../../support/sim.ts';
import { startHarness, type Harness } from './daemon-harness.ts';

interface Child {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly lines: string[];
  readonly exited: Promise<number | null>;
}

function startDaemonProcess(env: Record<string, string>): Child {
  const proc = spawn(process.execPath, [BIN, 'stream'], {
    cwd: REPO,
    env: { ...process.env, ...env, LOG_LEVEL: 'debug' },
  });
  const lines: string[] = [];
  let buffer = '';
  proc.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
  });
  proc.stderr.on('data', () => undefined);
  const exited = new Promise<number | null>((resolve) =>
    proc.on('exit', (code) => {
      resolve(code);
    }),
  );
  return { proc, lines, exited };
}

const readyLine = async (child: Child): Promise<Record<string, unknown>> =>
  JSON.parse(
    await waitFor(
      () => child.lines.find((l) => l.includes('"event":"ready"')),
      20_000,
      'the ready line',
    ),
  ) as Record<string, unknown>;

describe('strikeline stream (child process)', () => {
  let h: Harness | undefined;
  const children: Child[] = [];
  afterEach(async () => {
    for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
    await h?.stop();
    h = undefined;
  });

  it('recovers after SIGKILL: protects the fill it missed, duplicates nothing, stops cleanly on SIGTERM, leaks no secret', async () => {
    h = await startHarness();
    const harness = h;
    mkdirSync(join(h.t.root, 'config'), { recursive: true });
    writeFileSync(
      join(h.t.root, 'config', 'config.yaml'),
      'protection:\n  audit_interval_ms: 1000\n  timer_interval_ms: 500\n  clock_sync_ms: 1000\n',
    );

    const first = startDaemonProcess(h.t.env);
    children.push(first);
    const ready = await readyLine(first);
    expect(ready).toMatchObject({
      event: 'ready',
      pid: first.proc.pid,
      rest: h.t.sim.urls.rest,
      tradingStream: h.t.sim.urls.tradingStream,
      dataStream: h.t.sim.urls.dataStream,
    });
    expect(JSON.stringify(ready)).not.toContain(TEST_SECRET);

    await h.buy('AAPL', 10);
    await waitFor(
      async () => (await harness.openOrders('AAPL')).length === 1,
      3_000,
      'AAPL protected by the first daemon',
    );
    // LMDB is shared between processes: wait for the decision to be durable before pulling the plug.
    const probe = openStore(join(h.t.root, 'state'));
    await waitFor(
      () =>
        probe.journal.list().some((j) => j.action === 'protection_placed' && j.symbol === 'AAPL'),
      3_000,
      'the AAPL journal entry',
    );
    await probe.close();
    first.proc.kill('SIGKILL');
    expect(await first.exited).toBeNull();

    await h.buy('MSFT', 5);
    await waitFor(async () => (await harness.position('MSFT')) === 5, 2_000, 'the MSFT fill');
    expect(await h.openOrders('MSFT')).toHaveLength(0);

    const second = startDaemonProcess(h.t.env);
    children.push(second);
    await readyLine(second);
    await waitFor(
      async () => (await harness.openOrders('MSFT')).length === 1,
      5_000,
      'MSFT protected by the restarted daemon',
    );
    // Two more audits must not change anything: one OCO per position, nothing placed twice.
    const before = (await h.user.listOrders({ status: 'all', limit: 500 })).length;
    const status = async () => (await harness.ctl.state()).open_orders.length;
    const watch = openStore(join(h.t.root, 'state'));
    const lastAudit = () =>
      watch.table<{ auditCount: number }>('daemon').get('status')?.auditCount ?? 0;
    const seen = lastAudit();
    await waitFor(() => lastAudit() > seen, 5_000, 'an audit');
    const next = lastAudit();
    await waitFor(() => lastAudit() > next, 5_000, 'another audit');
    // The repair's journal entry is durable before the stop (bookkeeping follows the order's answer).
    await waitFor(
      () =>
        watch.journal.list().some((j) => j.action === 'protection_placed' && j.symbol === 'MSFT'),
      5_000,
      'the MSFT journal entry',
    );
    await watch.close();
    expect(await status()).toBe(2);
    const all = await h.user.listOrders({ status: 'all', limit: 500 });
    expect(all.length).toBe(before);
    const ocos = all.filter((o) => o.orderClass === 'oco');
    expect(ocos.map((o) => `${o.symbol}:${o.status}:${o.qty}`).sort()).toEqual([
      'AAPL:new:10',
      'MSFT:new:5',
    ]);
    expect(new Set(all.map((o) => o.clientOrderId)).size).toBe(all.length);

    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const store = openStore(join(h.t.root, 'state'));
    try {
      const placed = store.journal.list().filter((j) => j.action === 'protection_placed');
      expect(placed.map((j) => j.symbol).sort()).toEqual(['AAPL', 'MSFT']);
      expect(placed.find((j) => j.symbol === 'MSFT')?.data).toMatchObject({
        qty: 5,
        latencySentMs: null,
      });
      expect(
        store.journal.list().some((j) => j.action === 'audit_repair' && j.symbol === 'MSFT'),
      ).toBe(true);
      expect(
        store
          .table('positions')
          .entries()
          .map(([k]) => k)
          .sort(),
      ).toEqual(['AAPL', 'MSFT']);
      expect(store.table('daemon').get('status')).toMatchObject({
        stopped: true,
        pid: second.proc.pid,
      });
    } finally {
      await store.close();
    }

    const logDir = join(h.t.root, 'logs');
    const files = readdirSync(logDir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.jsonl'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = readFileSync(join(logDir, f), 'utf8');
      expect(text).not.toContain(TEST_SECRET);
      expect(text).not.toContain(TEST_KEY);
    }
    const logText = files.map((f) => readFileSync(join(logDir, f), 'utf8')).join('');
    expect(logText).toContain('protection placed');
  });
});
