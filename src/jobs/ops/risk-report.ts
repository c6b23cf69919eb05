/**
 * @module `strikeline risk`: the trading state at a glance, from the store (the daemon and `trade` keep it) and
 * the manual switches (killswitch/HALT, TRADING_DISABLED). The `--json` shape is the issue 13 contract.
 */
import type { HaltRecord } from '../../domain/ports.ts';
import type { RiskLimits } from '../../domain/rules/risk/breaker.ts';
import { riskView, type ManualHalt, type RiskView } from '../../domain/rules/risk/risk-view.ts';
import type { Store } from '../../domain/store.ts';
import { nyDate } from '../../domain/time/ny-dates.ts';
import { readRiskBook } from '../../records/risk-state.ts';

export interface ManualSwitches {
  read(): HaltRecord | undefined;
  readonly tradingDisabled: boolean;
}

/** The manual switches as the risk view takes them. */
export function manualHalt(ks: ManualSwitches): ManualHalt {
  const file = ks.read();
  if (file !== undefined) {
    const ts = Date.parse(file.ts);
    return {
      reason: `HALT file by ${file.who}: ${file.reason}`,
      tsSince: Number.isFinite(ts) ? ts : null,
    };
  }
  return ks.tradingDisabled
    ? { reason: 'TRADING_DISABLED is set in the environment', tsSince: null }
    : null;
}

export function collectRisk(
  store: Store,
  ks: ManualSwitches,
  limits: RiskLimits,
  now: number,
): RiskView {
  return riskView(readRiskBook(store, nyDate(now)), now, limits.drawdownScale, manualHalt(ks));
}

const show = (v: number | null, isCount: boolean): string =>
  v === null ? '-' : isCount ? String(v) : `${(v * 100).toFixed(2)}%`;
const COUNTS = new Set(['consecutive_losses', 'consecutive_failures']);

/** One or two lines for `strikeline status`. */
export function riskSummary(v: RiskView): string {
  const on = v.breakers.filter((b) => b.tripped);
  const head = `${v.state}, size x${v.size_scalar}`;
  return on.length === 0
    ? `${head}, no breaker tripped`
    : `${head}; ${on.map((b) => `${b.name}${b.scope === 'account' ? '' : ` (${b.scope})`}${b.until === null ? '' : ` until ${b.until}`}`).join(', ')}`;
}

export function renderRisk(v: RiskView): string {
  const e = v.equity;
  const lines = [
    `state     ${v.state} (new entries at x${v.size_scalar} size)`,
    `equity    current $${e.current.toFixed(2)}, last close $${e.last_close.toFixed(2)}, high-water $${e.high_water.toFixed(2)}`,
    '',
  ];
  for (const b of v.breakers) {
    const mark = b.tripped ? 'TRIPPED' : 'ok     ';
    const numbers =
      b.threshold === null
        ? ''
        : ` ${show(b.value, COUNTS.has(b.name))} / limit ${show(b.threshold, COUNTS.has(b.name))}`;
    const when = b.tripped
      ? ` since ${b.since ?? '?'}${b.until === null ? '' : ` until ${b.until}`}`
      : '';
    lines.push(`${mark} ${b.name.padEnd(20)} ${b.scope.padEnd(12)}${numbers}${when}: ${b.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
