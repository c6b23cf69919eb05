/**
 * Secrets stay in the environment whatever the broker echoes. Through the real CLI against the simulator:
 * an order refusal whose body carries the credentials in every form (raw, JSON-escaped, URL-encoded, base64,
 * Basic auth) reaches `strikeline trade`, the daemon's protective order (`strikeline stream`), `status --json
 * --journal`, `report --json --email`; a gateway that echoes the request headers in its 403 fails `halt` and
 * `status`; a halt reason and an unknown option quoting them reach stdout, stderr, HALT, the journal and mail
 * without passing the broker. Afterwards no form of any secret (API key and secret, their APCA_* aliases, SMTP_PASS) is found in
 * any stdout, stderr, mail, file under the root (logs, events, reports, rejected tickers, the LMDB files) or LMDB
 * value read back through the store.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { open } from 'lmdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/adapters/store/lmdb-store.ts';
import { DAEMON_NODE_FLAGS } from '../../../src/cli/daemon-node-flags.ts';
import { writeCsv } from '../jobs/jobs-support.ts';
import { startEchoGateway, type EchoGateway } from '../../support/echo-gateway.ts';
import { openPositions, startSmtpSink } from '../../support/ops.ts';
import { BIN, REPO, runCli, type CliResult } from '../../support/run-cli.ts';
import {
  decodedMail,
  leakMessage,
  leaksIn,
  leaksInFiles,
  randomSecrets,
} from '../../support/secret-forms.ts';
import { control, startTestSimulator, waitFor, type TestSimulator } from '../../support/sim.ts';

const secrets = randomSecrets();
let t: TestSimulator;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let gateway: EchoGateway;
/** Credentials through the SDK's APCA_* names, the simulator reached directly. */
let aliasEnv: Record<string, string>;
/** Credentials through ALPACA_*, REST through the echoing gateway. */
let gatewayEnv: Record<string, string>;
const outputs: Array<[string, CliResult]> = [];

const cli = async (
  label: string,
  args: string[],
  env: Record<string, string>,
): Promise<CliResult> => {
  const result = await runCli(args, env);
  outputs.push([label, result]);
  return result;
};

const journalReasons = async (): Promise<string[]> => {
  const store = openStore(join(t.root, 'state'));
  try {
    return store.journal.list().map((e) => `${e.action}: ${e.reason}`);
  } finally {
    await store.close();
  }
};

beforeAll(async () => {
  t = await startTestSimulator({ key: secrets.key, secret: secrets.secret });
  smtp = await startSmtpSink();
  gateway = await startEchoGateway(t.sim.urls.rest);
  const common = {
    ...smtp.env,
    SMTP_PASS: secrets.smtpPass,
    TRADING_SYSTEM_ROOT: t.root,
    LOG_LEVEL: 'debug',
    TRADING_DISABLED: '',
  };
  aliasEnv = {
    ...common,
    APCA_API_KEY_ID: secrets.key,
    APCA_API_SECRET_KEY: secrets.secret,
    ALPACA_ENDPOINT: t.sim.urls.rest,
  };
  gatewayEnv = {
    ...common,
    ALPACA_API_KEY: secrets.key,
    ALPACA_SECRET_KEY: secrets.secret,
    ALPACA_ENDPOINT: gateway.url,
    ALPACA_DATA_ENDPOINT: gateway.url,
  };
  await control(t.sim).clock({ to: '2024-05-01T13:35:00Z', quiet: true });
});
afterAll(async () => {
  await gateway.close();
  await smtp.close();
  await t.stop();
});

describe('secrets echoed by the broker', { timeout: 60_000, concurrent: false }, () => {
  it('trade: a refused entry is reported, journaled and written to rejected tickers', async () => {
    writeCsv(t.root, [{ ticker: 'AAPL' }]);
    await control(t.sim).faults({
      kind: 'reject_orders',
      count: 1,
      status: 403,
      message: leakMessage(secrets),
    });
    const result = await cli('trade', ['trade'], aliasEnv);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /AAPL\s+mean_reversion\s+rejected.*broker: forbidden; request headers/,
    );
  });

  it('stream: a refused protective order is journaled and alerted', async () => {
    await openPositions(t, { MSFT: 5 }, 400);
    await control(t.sim).faults({
      kind: 'reject_orders',
      count: 2,
      status: 403,
      message: leakMessage(secrets),
    });
    const daemon = spawn(process.execPath, [...DAEMON_NODE_FLAGS, BIN, 'stream'], {
      cwd: REPO,
      env: { ...process.env, ...aliasEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    daemon.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    daemon.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number>((resolve) =>
      daemon.once('exit', (code) => {
        resolve(code ?? 1);
      }),
    );
    try {
      await waitFor(
        async () =>
          (await journalReasons()).some((r) => r.startsWith('protection_failed: forbidden')),
        20_000,
        'the refused protection in the journal',
      );
      await waitFor(
        () => smtp.mails.some((m) => m.raw.includes('PROTECTION FAILED')),
        10_000,
        'the protection alert',
      );
    } finally {
      daemon.kill('SIGTERM');
    }
    outputs.push(['stream', { code: await exited, stdout, stderr }]);
  });

  it('status --json --journal and report --json --email show what happened', async () => {
    const status = await cli('status journal', ['status', '--json', '--journal', '100'], aliasEnv);
    expect(status.stdout).toContain('protection_failed');
    const report = await cli('report', ['report', '--json', '--email'], aliasEnv);
    expect(report.code).toBe(0);
  });

  it('halt: a gateway that echoes the headers refuses the cancel; HALT holds, the failure is reported', async () => {
    gateway.refuse([{ method: 'DELETE', path: '/v2/orders' }]);
    const text = await cli('halt', ['halt', '--reason', 'secrets drill'], gatewayEnv);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('could not flatten the account: request refused by the gateway');
    const json = await cli('halt --json', ['halt', '--json'], gatewayEnv);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: expect.stringContaining('request refused by the gateway') as string,
    });
  });

  it('status --json: the gateway refuses the positions, the broker error is shown', async () => {
    gateway.refuse([{ method: 'GET', path: '/v2/positions' }]);
    const result = await cli(
      'status gateway',
      ['status', '--json', '--journal', '100'],
      gatewayEnv,
    );
    expect(JSON.parse(result.stdout)).toMatchObject({
      brokerError: expect.stringContaining('request refused by the gateway') as string,
    });
    gateway.refuse([]);
  });

  it('a secret from elsewhere (a halt reason, a command line) is scrubbed at every edge: stdout, stderr, HALT, journal, mail', async () => {
    gateway.refuse([]);
    await cli('resume', ['resume', '--ack', 'drill over'], aliasEnv);
    const halt = await cli(
      'halt quoting',
      ['halt', '--reason', `pasted: ${leakMessage(secrets)}`],
      aliasEnv,
    );
    expect(halt.code).toBe(0);
    expect(halt.stdout).toContain('(by ');
    expect(halt.stdout).toContain(
      'pasted: forbidden; request headers: APCA-API-KEY-ID: [REDACTED]',
    );
    const status = await cli('status halted', ['status'], aliasEnv);
    expect(status.stdout).toContain('pasted: forbidden');
    const usage = await cli(
      'bad option',
      ['status', `--secret=${secrets.secret}`, `--key=${JSON.stringify(secrets.key)}`],
      aliasEnv,
    );
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("unknown option '--secret=[REDACTED]'");
  });

  it('no form of any secret reached any output, mail, file or LMDB value', () => {
    const leaks = [
      ...outputs.flatMap(([label, r]) => [
        ...leaksIn(`${label} stdout`, r.stdout, secrets),
        ...leaksIn(`${label} stderr`, r.stderr, secrets),
      ]),
      ...smtp.mails.flatMap((m, i) =>
        leaksIn(`mail ${i} to ${m.to.join(',')}`, decodedMail(m.raw), secrets),
      ),
      ...leaksInFiles(t.root, secrets),
      ...lmdbValues(join(t.root, 'state')).flatMap(([name, text]) =>
        leaksIn(`lmdb ${name}`, text, secrets),
      ),
    ];
    expect(smtp.mails.length).toBeGreaterThanOrEqual(3);
    expect(leaks).toEqual([]);
  });
});

/** Every value of every LMDB database, read back through lmdb and rendered as JSON, by database name. */
function lmdbValues(dir: string): Array<[string, string]> {
  const root = open({ path: dir, maxDbs: 64, compression: false, readOnly: true });
  try {
    const names = [...root.getKeys()].map(String);
    return names.map((name) => {
      const db = root.openDB({ name });
      const entries: unknown[] = [...db.getRange()].map(({ key, value }): unknown => [key, value]);
      return [name, JSON.stringify(entries)];
    });
  } finally {
    void root.close();
  }
}
