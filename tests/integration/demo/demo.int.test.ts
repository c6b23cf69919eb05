/**
 * `strikeline demo` for one day, as a user runs it (with a faster clock): every job a real command against the
 * simulator; at least one entry, protection and exit; the report's figures equal the simulator's own account.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoSummary } from '../../../src/cli/demo/demo-summary.ts';
import { runCli } from '../../support/run-cli.ts';
import { makeTempRoot } from '../../support/temp-root.ts';

const temp = makeTempRoot('strikeline-demo-');
afterAll(() => {
  temp.cleanup();
});

const money = (text: string): number => Number(text.replace(/[$,+]/g, ''));

describe('strikeline demo', () => {
  it('runs a whole day end to end, and its report agrees with the simulator to the cent', async () => {
    const root = join(temp.root, 'demo');
    const r = await runCli(['demo', '--days', '1', '--pace-ms', '5', '--root', root], {}, 300_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(
      readFileSync(join(root, 'demo-summary.json'), 'utf8'),
    ) as DemoSummary;
    expect(summary.entries).toBeGreaterThanOrEqual(1);
    expect(summary.protections).toBeGreaterThanOrEqual(summary.entries);
    expect(Object.values(summary.exits).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(summary.latencySentMs.p50).toBeGreaterThan(0);
    const html = summary.reports.at(-1);
    expect(html !== undefined && existsSync(html)).toBe(true);
    expect(readFileSync(html ?? '', 'utf8')).toContain('<svg');

    // The 16:05 report, as printed by `strikeline report`, against the simulator's account at the end.
    const report = r.stdout.slice(r.stdout.lastIndexOf('strikeline report '));
    const head =
      /equity (\$[\d,.]+)\s+cash (\$[\d,.]+)\s+last equity (\$[\d,.]+)\s+day P\/L ([+-]\$[\d,.]+)/.exec(
        report,
      );
    expect(head).not.toBeNull();
    const [, equity, cash, lastEquity, dayPl] = head ?? [];
    expect(money(equity ?? '')).toBeCloseTo(summary.simulator.equity, 2);
    expect(money(cash ?? '')).toBeCloseTo(summary.simulator.cash, 2);
    expect(money(lastEquity ?? '')).toBeCloseTo(summary.simulator.lastEquity, 2);
    expect(money((dayPl ?? '').replace('-$', '-'))).toBeCloseTo(
      summary.simulator.equity - summary.simulator.lastEquity,
      2,
    );
    for (const p of summary.simulator.positions) {
      const row = new RegExp(
        `^\\s*${p.symbol}\\s+([\\d.]+)\\s+[\\d.]+\\s+[\\d.]+\\s+(\\$[\\d,.]+)`,
        'm',
      ).exec(report);
      expect(row, `${p.symbol} in the report`).not.toBeNull();
      expect(Number(row?.[1])).toBeCloseTo(p.qty, 4);
      expect(money(row?.[2] ?? '')).toBeCloseTo(p.marketValue, 2);
    }
    expect(report).toMatch(new RegExp(`open positions: ${summary.simulator.positions.length}\\b`));
  }, 300_000);
});
