/**
 * The simulator against Alpaca's published OpenAPI specifications (tests/contract/alpaca-openapi): every served
 * operation is called with success and error cases, and each response (status and body) must match the spec.
 * The served set is measured (probeServed) and must equal the cases' set and docs/alpaca-compatibility.md.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractCase, ContractContext } from './contract-case.ts';
import { MARKET_DATA_CASES } from './market-data-cases.ts';
import { createContractValidator, type HttpMethod, type Operations } from './openapi-validator.ts';
import { fillPath, opKey, probeServed, type ServedProbe } from './served-operations.ts';
import { TRADING_CASES } from './trading-cases.ts';
import {
  CORPORATE_ACTION_CASES,
  setUpAccount,
  setUpHoldingsThroughActions,
} from './contract-setup.ts';
import { startTestSimulator, TEST_KEY, TEST_SECRET, type TestSimulator } from '../support/sim.ts';

const HEADERS = {
  'APCA-API-KEY-ID': TEST_KEY,
  'APCA-API-SECRET-KEY': TEST_SECRET,
  'Content-Type': 'application/json',
};
/** Errors any Alpaca endpoint may answer, whether or not its operation lists them. */
const GENERIC_ERRORS = new Set([400, 401, 403, 404, 422, 429, 500]);

const validator = createContractValidator();
const operations = new Map(validator.operations().map((op) => [opKey(op), op]));
let t: TestSimulator;
let probe: ServedProbe;
let ctx: ContractContext;

function operation(key: string): Operations {
  const op = operations.get(key);
  if (!op) throw new Error(`not an operation of the specs: ${key}`);
  return op;
}

async function call(
  c: ContractCase,
  headers: Record<string, string> = HEADERS,
  rest = t.sim.urls.rest,
): Promise<{ status: number; body: unknown }> {
  const url = typeof c.url === 'string' ? c.url : c.url(ctx);
  const res = await fetch(`${rest}${url}`, {
    method: c.op.split(' ')[0] ?? 'GET',
    headers,
    ...(c.body === undefined ? {} : { body: JSON.stringify(c.body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

function check(c: ContractCase, status: number, body: unknown): void {
  const op = operation(c.op);
  const where = `${c.op} (${typeof c.url === 'string' ? c.url : 'dynamic url'})`;
  expect(status, `${where}: ${JSON.stringify(body)}`).toBe(c.status);
  expect(
    validator.documents(op, status) || (status >= 400 && GENERIC_ERRORS.has(status)),
    `${where}: status ${status} is not in the spec`,
  ).toBe(true);
  expect(validator.validate(op, status, body), `${where} ${status}`).toEqual([]);
}

const CASES = [...TRADING_CASES, ...MARKET_DATA_CASES];

beforeAll(async () => {
  const probeSim = await startTestSimulator({ symbols: ['AAPL'] });
  probe = await probeServed(validator, probeSim.sim.urls.rest, HEADERS);
  await probeSim.stop();
  t = await startTestSimulator({ symbols: ['AAPL', 'MSFT', 'KO', 'SPY'] });
  ctx = await setUpAccount(t.sim, HEADERS);
});
afterAll(async () => {
  await t.stop();
});

describe('Alpaca OpenAPI contract', () => {
  it('answers every case with the expected status and a body the spec describes', async () => {
    for (const c of [
      ...CASES.filter((x) => x.last !== true),
      ...CASES.filter((x) => x.last === true),
    ]) {
      const { status, body } = await call(c);
      check(c, status, body);
    }
  });

  it('describes dividends, splits and the history across them as the spec does', async () => {
    const later = await startTestSimulator({
      symbols: ['AAPL', 'META'],
      start: '2024-05-20T13:25:00Z',
    });
    try {
      await setUpHoldingsThroughActions(later.sim, HEADERS);
      for (const c of CORPORATE_ACTION_CASES) {
        const { status, body } = await call(c, HEADERS, later.sim.urls.rest);
        check(c, status, body);
      }
    } finally {
      await later.stop();
    }
  });

  it('answers 401 with the error envelope on every served operation', async () => {
    for (const key of probe.served) {
      const op = operation(key);
      const c: ContractCase = { op: key, url: fillPath(op.path), status: 401 };
      const { status, body } = await call(c, {
        'APCA-API-KEY-ID': 'wrong',
        'APCA-API-SECRET-KEY': 'wrong',
      });
      check(c, status, body);
    }
  });

  it('has a success and an error case for every served operation, and none for an operation it does not serve', () => {
    const succeeding = new Set(CASES.filter((c) => c.status < 400).map((c) => c.op));
    const failing = new Set(CASES.filter((c) => c.status >= 400).map((c) => c.op));
    expect([...succeeding].sort()).toEqual([...probe.served].sort());
    // Reads of a whole collection or of the clock have no error a client can cause beyond auth (covered above).
    const errorFree = new Set([
      'GET /v2/account',
      'GET /v2/clock',
      'GET /v2/assets',
      'GET /v2/positions',
      'DELETE /v2/orders',
      'GET /v2/watchlists',
      'GET /v2/account/configurations',
      'GET /v2/stocks/meta/exchanges',
    ]);
    expect([...probe.served].filter((k) => !failing.has(k) && !errorFree.has(k)).sort()).toEqual(
      [],
    );
  });

  it('is listed path by path in docs/alpaca-compatibility.md, with the methods it serves', () => {
    const doc = readFileSync(
      new URL('../../docs/alpaca-compatibility.md', import.meta.url),
      'utf8',
    );
    const rows = new Map<string, string>();
    for (const m of doc.matchAll(/^\| `([^`]+)` *\| ([^|]*) \|/gm))
      rows.set(m[1] ?? '', (m[2] ?? '').trim());
    for (const [path, { methods }] of probe.paths) {
      const expected =
        methods.length === 0
          ? 'not served'
          : methods.map((x: HttpMethod) => x.toUpperCase()).join(', ');
      expect(rows.get(path), path).toBe(expected);
    }
  });
});
