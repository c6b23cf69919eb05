import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentUser } from '../../../src/adapters/killswitch/file-kill-switch.ts';
import { openStore } from '../../../src/adapters/store/lmdb-store.ts';
import { runCli } from '../../support/run-cli.ts';
import { makeTempRoot } from '../../support/temp-root.ts';

let root: string;
let cleanup: () => void;
beforeEach(() => {
  ({ root, cleanup } = makeTempRoot('strikeline-resume-'));
});
afterEach(() => {
  cleanup();
});

const halt = (): string => {
  mkdirSync(join(root, 'killswitch'), { recursive: true });
  const path = join(root, 'killswitch', 'HALT');
  writeFileSync(
    path,
    JSON.stringify({ ts: '2026-03-02T14:00:00.000Z', who: 'ops', reason: 'drawdown review' }),
  );
  return path;
};

describe('strikeline resume', () => {
  it('refuses without --ack (exit 2) and keeps HALT', async () => {
    const path = halt();
    const result = await runCli(['resume'], { TRADING_SYSTEM_ROOT: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('resume needs an acknowledgement');
    expect(existsSync(path)).toBe(true);
  });

  it('removes HALT and journals who resumed and why', async () => {
    const path = halt();
    const result = await runCli(['resume', '--ack', 'reviewed the fills, broker ok'], {
      TRADING_SYSTEM_ROOT: root,
      TRADING_DISABLED: '',
    });
    expect(result.code).toBe(0);
    expect(existsSync(path)).toBe(false);
    expect(result.stdout).toContain(
      `HALT removed by ${currentUser()}: reviewed the fills, broker ok`,
    );
    expect(result.stdout).toContain(
      'it was set at 2026-03-02T14:00:00.000Z by ops: drawdown review',
    );
    const store = openStore(join(root, 'state'));
    try {
      const resume = store.journal.list().find((e) => e.action === 'resume');
      expect(resume).toMatchObject({
        actor: currentUser(),
        action: 'resume',
        reason: 'reviewed the fills, broker ok',
        data: { haltedBy: 'ops', haltReason: 'drawdown review' },
      });
    } finally {
      await store.close();
    }
  });

  it('says so when there is nothing to resume, and warns that TRADING_DISABLED still halts', async () => {
    const result = await runCli(['resume', '--ack', 'checked'], {
      TRADING_SYSTEM_ROOT: root,
      TRADING_DISABLED: '1',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no HALT in place: nothing to resume');
    expect(result.stdout).toContain('TRADING_DISABLED is still set');
  });

  it('--json: the HALT file, who, the acknowledgement and the record released', async () => {
    const path = halt();
    const result = await runCli(['resume', '--ack', 'reviewed', '--json'], {
      TRADING_SYSTEM_ROOT: root,
      TRADING_DISABLED: '',
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      halt: path,
      who: currentUser(),
      ack: 'reviewed',
      released: { ts: '2026-03-02T14:00:00.000Z', who: 'ops', reason: 'drawdown review' },
      // The kill conditions the acknowledgement lifted (docs/risk.md): none latched here.
      liftedKills: [],
      tradingDisabled: false,
    });
    expect(existsSync(path)).toBe(false);
  });
});
