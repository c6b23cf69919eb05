/**
 * @module The equity curve as inline SVG, pure: change from the first point on a percent axis, and a drawdown
 * panel below (distance under the running peak). No script, no external resource, every label escaped. The
 * SVG scales to its container's width, so it reads on a phone as on a desktop.
 */
import { escapeHtml } from '../format/html-escape.ts';
import { pct, usd } from '../format/text-table.ts';

export interface CurvePoint {
  /** The x label: a date for daily points, a New York time for intraday ones. */
  readonly date: string;
  readonly equity: number;
}

export interface SvgOptions {
  readonly width: number;
  readonly height: number;
  readonly label?: string;
}

const PAD = { left: 58, right: 12, top: 24, bottom: 26 };
/** Share of the plot height given to the drawdown panel. */
const DD_SHARE = 0.3;
const GAP = 18;
const e = escapeHtml;
const f1 = (n: number): string => n.toFixed(1);

function axisLines(x0: number, x1: number, ticks: readonly { y: number; text: string }[]): string {
  return ticks
    .map(
      (t) =>
        `<line x1="${x0}" x2="${x1}" y1="${f1(t.y)}" y2="${f1(t.y)}" stroke="#e3e6ec"/><text x="${x0 - 5}" y="${f1(t.y)}" dy="4" text-anchor="end" font-size="11" fill="#556">${e(t.text)}</text>`,
    )
    .join('');
}

/** Fractions: change from the first point, and drawdown from the running peak (0 or negative). */
export function curveFractions(values: readonly number[]): {
  change: number[];
  drawdown: number[];
} {
  const base = values[0] ?? 0;
  let peak = 0;
  return {
    change: values.map((v) => (base > 0 ? v / base - 1 : 0)),
    drawdown: values.map((v) => {
      peak = Math.max(peak, v);
      return peak > 0 ? v / peak - 1 : 0;
    }),
  };
}

export function equitySvg(
  points: readonly CurvePoint[],
  o: SvgOptions = { width: 560, height: 300 },
): string {
  const label = o.label ?? 'Equity curve';
  const open = `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${e(label)}" viewBox="0 0 ${o.width} ${o.height}" width="100%" style="max-width:${Math.round(o.width * 1.4)}px;height:auto;display:block">`;
  const frame = `<rect x="0" y="0" width="${o.width}" height="${o.height}" fill="#fbfbfd" stroke="#d0d4dc"/>`;
  const only = points[0];
  if (only === undefined || points.length === 1) {
    const text =
      only === undefined
        ? 'no equity history yet'
        : `one point so far: ${only.date} ${usd(only.equity)}`;
    return `${open}${frame}<text x="${o.width / 2}" y="${o.height / 2}" text-anchor="middle" fill="#667">${e(text)}</text></svg>`;
  }
  const { change, drawdown } = curveFractions(points.map((p) => p.equity));
  const x0 = PAD.left;
  const x1 = o.width - PAD.right;
  const plotH = o.height - PAD.top - PAD.bottom - GAP;
  const ddH = plotH * DD_SHARE;
  const eqH = plotH - ddH;
  const ddTop = PAD.top + eqH + GAP;
  let lo = Math.min(0, ...change);
  let hi = Math.max(0, ...change);
  if (hi - lo < 1e-6) [lo, hi] = [lo - 0.001, hi + 0.001];
  const ddLo = Math.min(-0.001, ...drawdown);
  const x = (i: number): number => x0 + (i / (points.length - 1)) * (x1 - x0);
  const yEq = (v: number): number => PAD.top + (1 - (v - lo) / (hi - lo)) * eqH;
  const yDd = (v: number): number => ddTop + (v / ddLo) * ddH;
  const up = (change[change.length - 1] ?? 0) >= 0;
  const line = `<polyline fill="none" stroke="${up ? '#1a7f37' : '#cf222e'}" stroke-width="2" points="${change.map((v, i) => `${f1(x(i))},${f1(yEq(v))}`).join(' ')}"/>`;
  const area = `<polygon fill="#cf222e" fill-opacity="0.25" stroke="#cf222e" stroke-width="1" points="${f1(x0)},${f1(ddTop)} ${drawdown.map((v, i) => `${f1(x(i))},${f1(yDd(v))}`).join(' ')} ${f1(x1)},${f1(ddTop)}"/>`;
  // Moves under 0.1 % need a third decimal, or three ticks would read the same.
  const digits = (span: number): number => (span < 0.001 ? 3 : 2);
  const eqTicks = [hi, (hi + lo) / 2, lo].map((v) => ({
    y: yEq(v),
    text: pct(v, true, digits(hi - lo)),
  }));
  const ddTicks = [0, ddLo].map((v) => ({ y: yDd(v), text: pct(v, false, digits(-ddLo)) }));
  const last = points[points.length - 1];
  const titles = `<text x="${x0}" y="${PAD.top - 8}" font-size="11" fill="#556">${e(`change ${pct(change[change.length - 1] ?? 0, true)} · ${usd(last?.equity ?? 0)}`)}</text><text x="${x0 + 4}" y="${f1(ddTop - 4)}" font-size="11" fill="#556">${e(`drawdown (max ${pct(Math.min(...drawdown), false, digits(-ddLo))})`)}</text>`;
  const xLabels = `<text x="${x0}" y="${o.height - 8}" font-size="11" fill="#556">${e(only.date)}</text><text x="${x1}" y="${o.height - 8}" text-anchor="end" font-size="11" fill="#556">${e(last?.date ?? '')}</text>`;
  return `${open}${frame}${axisLines(x0, x1, eqTicks)}${axisLines(x0, x1, ddTicks)}${area}${line}${titles}${xLabels}</svg>`;
}
