import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileKillSwitch } from '../../../../src/adapters/killswitch/file-kill-switch.ts';
import { makeScrubber } from '../../../../src/domain/secrets/scrub.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'strikeline-ks-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const at = (iso: string) => () => Date.parse(iso);

describe('createFileKillSwitch', () => {
  it('is off without HALT and without TRADING_DISABLED', () => {
    const ks = createFileKillSwitch({
      path: join(root, 'killswitch', 'HALT'),
      tradingDisabled: false,
    });
    expect(ks.isHalted()).toBe(false);
    expect(ks.read()).toBeUndefined();
  });

  it('halt creates killswitch/HALT with when, who and why', () => {
    const path = join(root, 'killswitch', 'HALT');
    const ks = createFileKillSwitch({
      path,
      tradingDisabled: false,
      who: 'ops',
      now: at('2026-03-02T15:00:00Z'),
    });
    ks.halt('daily loss breaker');
    expect(ks.isHalted()).toBe(true);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      ts: '2026-03-02T15:00:00.000Z',
      who: 'ops',
      reason: 'daily loss breaker',
    });
  });

  it('scrubs the reason before writing it (a reason may quote an error)', () => {
    const path = join(root, 'HALT');
    const ks = createFileKillSwitch({
      path,
      tradingDisabled: false,
      who: 'ops',
      scrub: makeScrubber(['quoted-secret']),
    });
    expect(ks.engage('broker said quoted-secret').record.reason).toBe('broker said [REDACTED]');
    expect(readFileSync(path, 'utf8')).not.toContain('quoted-secret');
  });

  it('keeps the first record when halted twice', () => {
    const ks = createFileKillSwitch({
      path: join(root, 'HALT'),
      tradingDisabled: false,
      who: 'ops',
    });
    expect(ks.engage('first').created).toBe(true);
    const second = ks.engage('second');
    expect(second.created).toBe(false);
    expect(second.record.reason).toBe('first');
  });

  it('release removes HALT and returns what it held', () => {
    const ks = createFileKillSwitch({
      path: join(root, 'HALT'),
      tradingDisabled: false,
      who: 'ops',
    });
    ks.halt('manual halt');
    expect(ks.release()?.reason).toBe('manual halt');
    expect(ks.isHalted()).toBe(false);
    expect(ks.release()).toBeUndefined();
  });

  it('TRADING_DISABLED halts without a file', () => {
    const ks = createFileKillSwitch({ path: join(root, 'HALT'), tradingDisabled: true });
    expect(ks.isHalted()).toBe(true);
    expect(ks.read()).toBeUndefined();
  });

  it('honours a HALT file made by hand', () => {
    mkdirSync(join(root, 'killswitch'));
    const path = join(root, 'killswitch', 'HALT');
    writeFileSync(path, 'broker outage, do not trade\n');
    const ks = createFileKillSwitch({ path, tradingDisabled: false });
    expect(ks.isHalted()).toBe(true);
    expect(ks.read()?.reason).toBe('broker outage, do not trade');
  });
});
