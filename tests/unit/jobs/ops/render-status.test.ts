import { describe, expect, it } from 'vitest';
import { renderStatus } from '../../../../src/jobs/ops/render-status.ts';
import { modeOf, type StatusReport } from '../../../../src/jobs/ops/status.ts';
import { applyEvaluation, emptyRiskBook } from '../../../../src/domain/rules/risk/risk-book.ts';
import { accountBreakers } from '../../../../src/domain/rules/risk/account-breakers.ts';
import { riskView } from '../../../../src/domain/rules/risk/risk-view.ts';
import { SEED_LIMITS } from '../../../support/risk-limits.ts';

const ts = Date.parse('2026-03-02T15:00:00Z');
const daemon = {
  pid: 42,
  tsStarted: ts - 3_600_000,
  tsHeartbeat: ts - 3_000,
  mode: 'normal' as const,
  streams: { trading: 'up' as const, market: 'up' as const },
  tsLastAudit: null,
  stopped: false,
  running: true,
  heartbeatAgeMs: 3_000,
  pidAlive: true,
  credentials: 'accepted' as const,
  failure: null,
  phase: null,
};

const base: StatusReport = {
  ts,
  mode: 'normal',
  killSwitch: { halted: false, file: null, tradingDisabled: false },
  daemon,
  health: { ok: true, state: 'healthy', reason: 'running, authenticated, both streams up' },
  lock: { held: true, pid: 42 },
  safety: null,
  risk: riskView(emptyRiskBook('2026-03-02'), ts, 0.5, null),
  regime: null,
  positions: [
    {
      symbol: 'AAPL',
      qty: 10,
      entry: 100,
      last: 101,
      pl: 10,
      plPct: 0.01,
      coverage: {
        state: 'protected',
        protectedQty: 10,
        orders: [
          {
            id: '1',
            clientOrderId: 'c1',
            shape: 'oco',
            qty: 10,
            timeInForce: 'gtc',
            status: 'new',
            limitPrice: 120,
            stopPrice: 95,
          },
        ],
      },
    },
    {
      symbol: 'MSFT',
      qty: 5,
      entry: 200,
      last: 190,
      pl: -50,
      plPct: -0.05,
      coverage: { state: 'UNPROTECTED', protectedQty: 0, orders: [] },
    },
  ],
  unprotected: ['MSFT'],
  orphanOrders: [],
  brokerError: null,
  journal: [],
};

describe('renderStatus', () => {
  it('shows each position with its protection and flags the unprotected', () => {
    const text = renderStatus(base);
    expect(text).toContain('mode         normal');
    expect(text).toContain('kill switch  off');
    expect(text).toMatch(
      /AAPL\s+10\s+\$100\.00\s+\$101\.00\s+\+\$10\.00\s+\+1\.00%\s+10\/10\s+protected\s+OCO 10 tp \$120\.00 sl \$95\.00 gtc/,
    );
    expect(text).toMatch(/MSFT\s+5 .*0\/5\s+UNPROTECTED/);
    expect(text).toContain('UNPROTECTED: MSFT');
    expect(text).toContain('heartbeat 3 s ago');
    expect(text).toContain('health       OK: running, authenticated, both streams up');
    expect(text).not.toContain('journal');
    expect(text).toContain('risk         ACTIVE, size x1, no breaker tripped');
  });

  it('shows the trading state and each tripped breaker with its end', () => {
    const drawdown = accountBreakers(
      {
        now: ts,
        equity: 80_000,
        lastClose: 80_000,
        highWater: 100_000,
        window: [],
        tsSessionEnd: ts + 3_600_000,
      },
      SEED_LIMITS,
    );
    const book = applyEvaluation(emptyRiskBook('2026-03-02'), drawdown, ts, '2026-03-02').book;
    expect(renderStatus({ ...base, risk: riskView(book, ts, 0.5, null) })).toContain(
      'risk         REDUCING, size x0.5; drawdown',
    );
    const daily = accountBreakers(
      {
        now: ts,
        equity: 97_000,
        lastClose: 100_000,
        highWater: 100_000,
        window: [],
        tsSessionEnd: ts + 3_600_000,
      },
      SEED_LIMITS,
    );
    const halted = applyEvaluation(emptyRiskBook('2026-03-02'), daily, ts, '2026-03-02').book;
    expect(renderStatus({ ...base, risk: riskView(halted, ts, 0.5, null) })).toContain(
      'risk         HALTED, size x0; daily_loss until 2026-03-02T16:00:00.000Z',
    );
  });

  it('shows the research regime, its absence, and a model it cannot read', () => {
    expect(renderStatus(base)).toContain('regime       not known yet (run `strikeline research`)');
    const regime = {
      label: 'stressed',
      probability: 0.914,
      asOf: '2026-02-27',
      trainedThrough: '2026-02-27',
    };
    expect(renderStatus({ ...base, regime })).toContain(
      'regime       stressed (p=0.91) at the close of 2026-02-27',
    );
    expect(
      renderStatus({
        ...base,
        regime: { error: 'data/research/regime/model.json: version 99, expected 1; retrain it' },
      }),
    ).toContain(
      'regime       model unreadable: data/research/regime/model.json: version 99, expected 1; retrain it',
    );
  });

  it('lists the latest journal entries when asked', () => {
    const text = renderStatus({
      ...base,
      journal: [
        {
          ts,
          actor: 'stream',
          action: 'protection_placed',
          symbol: 'AAPL',
          reason: 'OCO for the fill',
        },
      ],
    });
    expect(text).toContain('journal (last 1)');
    expect(text).toContain(
      '2026-03-02T10:00:00-05:00  stream  protection_placed AAPL: OCO for the fill',
    );
  });

  it('shows the halt record and a broker that cannot be reached', () => {
    const text = renderStatus({
      ...base,
      mode: 'halted',
      killSwitch: {
        halted: true,
        file: { ts: '2026-03-02T14:00:00.000Z', who: 'ops', reason: 'manual halt' },
        tradingDisabled: false,
      },
      positions: [],
      unprotected: [],
      brokerError: 'connect ECONNREFUSED',
    });
    expect(text).toContain('mode         halted');
    expect(text).toContain('HALTED since 2026-03-02T14:00:00.000Z by ops: manual halt');
    expect(text).toContain('broker unreachable: connect ECONNREFUSED');
  });
});

describe('the market phase line', () => {
  const phase = {
    phase: 'TRADING' as const,
    day: '2024-05-01',
    tsStart: Date.parse('2024-05-01T13:35:00Z'),
    tsEnd: Date.parse('2024-05-01T19:45:00Z'),
  };
  it('says the phase, its day and its window; before the first cycle, that it is not known yet', () => {
    expect(renderStatus(base)).toContain('phase        not known yet');
    expect(renderStatus({ ...base, daemon: { ...daemon, phase } })).toContain(
      'phase        TRADING of 2024-05-01, since 2024-05-01T09:35:00-04:00, until 2024-05-01T15:45:00-04:00\n',
    );
  });
  it('a daemon that is not running shows the phase it last knew, marked as such', () => {
    expect(
      renderStatus({ ...base, daemon: { ...daemon, phase, running: false, stopped: true } }),
    ).toContain('15:45:00-04:00 (when the daemon last ran)');
  });
});

describe('modeOf', () => {
  it('halted wins over everything', () => {
    expect(modeOf(true, daemon, null)).toBe('halted');
  });
  it('a missing or stale heartbeat means the daemon is not running', () => {
    expect(modeOf(false, null, null)).toBe('daemon not running');
    expect(modeOf(false, { ...daemon, running: false }, null)).toBe('daemon not running');
    expect(
      renderStatus({ ...base, daemon: { ...daemon, running: false, stopped: true } }),
    ).toContain('daemon       stopped, pid 42');
    const exited = renderStatus({
      ...base,
      daemon: {
        ...daemon,
        running: false,
        stopped: true,
        credentials: 'refused',
        failure: 'broker refused the credentials',
      },
      health: { ok: false, state: 'not authenticated', reason: 'broker refused the credentials' },
    });
    expect(exited).toContain('daemon       EXITED on a failure, pid 42');
    expect(exited).toContain('credentials refused');
    expect(exited).toContain(
      'health       NOT OK, not authenticated: broker refused the credentials',
    );
  });
  it('safety mode from the store or the daemon', () => {
    const safety = {
      active: true,
      feed: 'trading' as const,
      reason: 'closed',
      onDisconnect: 'flatten' as const,
      tsEntered: ts,
      tsExited: null,
      pid: 42,
    };
    expect(modeOf(false, daemon, safety)).toBe('safety');
    expect(modeOf(false, { ...daemon, mode: 'safety' }, null)).toBe('safety');
    expect(modeOf(false, daemon, { ...safety, active: false })).toBe('normal');
  });
});
