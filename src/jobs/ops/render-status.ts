/** @module The text `strikeline status` prints: mode, kill switch, safety mode, then one row per position with its protection. */
import { nyIso } from '../../domain/time/ny-time.ts';
import type { ProtectiveOrder } from './position-coverage.ts';
import type { StatusReport } from './status.ts';
import { riskSummary } from './risk-report.ts';
import { regimeLine } from './regime-view.ts';
import { pct, textTable, usd } from '../format/text-table.ts';

const ago = (ms: number): string =>
  ms < 120_000 ? `${Math.round(ms / 1000)} s ago` : `${Math.round(ms / 60_000)} min ago`;
const money = (n: number | null): string => (n === null ? '-' : usd(n));

/** "OCO tp $120.00 sl $95.00 gtc", "stop $95.00 day", "market (closing)". */
export function describeProtection(o: ProtectiveOrder): string {
  const prices =
    o.shape === 'oco'
      ? `tp ${money(o.limitPrice)} sl ${money(o.stopPrice)}`
      : o.shape === 'market'
        ? 'liquidating'
        : [
            o.limitPrice === null ? '' : money(o.limitPrice),
            o.stopPrice === null ? '' : `stop ${money(o.stopPrice)}`,
          ]
            .filter(Boolean)
            .join(' ');
  return `${o.shape.toUpperCase()} ${o.qty} ${prices} ${o.timeInForce}${o.status === 'new' ? '' : ` (${o.status})`}`.replace(
    /\s+/g,
    ' ',
  );
}

function header(r: StatusReport): string[] {
  const d = r.daemon;
  const state =
    d === null
      ? ''
      : d.running
        ? 'running'
        : d.stopped
          ? d.failure === null
            ? 'stopped'
            : 'EXITED on a failure'
          : 'NOT RUNNING';
  const daemon =
    d === null
      ? 'never started here (no heartbeat in the store)'
      : `${state}, pid ${d.pid}, heartbeat ${ago(d.heartbeatAgeMs)}, started ${nyIso(d.tsStarted)}, credentials ${d.credentials}, streams: trading ${d.streams.trading}, market ${d.streams.market}`;
  const health = r.health.ok
    ? `OK: ${r.health.reason}`
    : `NOT OK, ${r.health.state}: ${r.health.reason}`;
  const ks = r.killSwitch;
  const killSwitch = [
    ks.file === null ? null : `HALTED since ${ks.file.ts} by ${ks.file.who}: ${ks.file.reason}`,
    ks.tradingDisabled ? 'TRADING_DISABLED is set' : null,
  ].filter((s): s is string => s !== null);
  const s = r.safety;
  const safety =
    s?.active === true
      ? `ACTIVE since ${nyIso(s.tsEntered)} (${s.feed} stream down: ${s.reason}; ${s.onDisconnect})`
      : 'off';
  const p = d?.phase ?? null;
  const phase =
    p === null
      ? 'not known yet'
      : `${p.phase} of ${p.day}, since ${nyIso(p.tsStart)}${p.tsEnd === null ? '' : `, until ${nyIso(p.tsEnd)}`}${d?.running === true ? '' : ' (when the daemon last ran)'}`;
  return [
    `strikeline status at ${nyIso(r.ts)}`,
    `mode         ${r.mode}`,
    `daemon       ${daemon}`,
    `phase        ${phase}`,
    `health       ${health}`,
    `kill switch  ${killSwitch.length === 0 ? 'off' : killSwitch.join('; ')}`,
    `safety mode  ${safety}`,
    `risk         ${riskSummary(r.risk)}`,
    `regime       ${regimeLine(r.regime)}`,
  ];
}

export function renderStatus(r: StatusReport): string {
  const lines = header(r);
  lines.push('');
  if (r.brokerError !== null) {
    lines.push(`broker unreachable: ${r.brokerError}`);
  } else if (r.positions.length === 0) {
    lines.push('no open positions');
  } else {
    lines.push(`positions (${r.positions.length})`);
    const rows = r.positions.map((p) => [
      p.symbol,
      String(p.qty),
      usd(p.entry),
      usd(p.last),
      usd(p.pl, true),
      pct(p.plPct, true),
      `${p.coverage.protectedQty}/${p.qty}`,
      p.coverage.state,
      p.coverage.orders.map(describeProtection).join('; ') || '-',
    ]);
    const r_ = (header: string) => ({ header, align: 'right' as const });
    lines.push(
      textTable(
        [
          { header: 'SYMBOL' },
          r_('QTY'),
          r_('ENTRY'),
          r_('LAST'),
          r_('P/L'),
          r_('P/L%'),
          r_('PROTECTED'),
          { header: 'COVERAGE' },
          { header: 'ORDERS' },
        ],
        rows,
      ),
    );
    if (r.unprotected.length > 0) lines.push('', `UNPROTECTED: ${r.unprotected.join(', ')}`);
  }
  if (r.orphanOrders.length > 0) {
    lines.push(
      '',
      `sell orders without a position: ${r.orphanOrders.map((o) => `${o.symbol} ${describeProtection(o)}`).join('; ')}`,
    );
  }
  if (r.journal.length > 0) {
    lines.push('', `journal (last ${r.journal.length})`);
    for (const e of r.journal) {
      lines.push(
        `  ${nyIso(e.ts)}  ${e.actor}  ${e.action}${e.symbol === undefined ? '' : ` ${e.symbol}`}: ${e.reason}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
