/** @module The equity curve as inline SVG, pure: no script, no external resource, every label escaped. */
import type { EquityPoint } from './report-data.ts';
import { escapeHtml } from '../format/html-escape.ts';
import { usd } from '../format/text-table.ts';

export interface SvgOptions {
  readonly width: number;
  readonly height: number;
}

const PAD = { left: 84, right: 16, top: 16, bottom: 36 };

export function equitySvg(
  points: readonly EquityPoint[],
  o: SvgOptions = { width: 720, height: 260 },
): string {
  const open = `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Equity curve" viewBox="0 0 ${o.width} ${o.height}" width="${o.width}" height="${o.height}">`;
  const frame = `<rect x="0" y="0" width="${o.width}" height="${o.height}" fill="#fbfbfd" stroke="#d0d4dc"/>`;
  if (points.length === 0)
    return `${open}${frame}<text x="${o.width / 2}" y="${o.height / 2}" text-anchor="middle" fill="#667">no equity history yet</text></svg>`;
  const values = points.map((p) => p.equity);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 1e-9) {
    lo -= Math.max(1, Math.abs(lo) * 0.01);
    hi += Math.max(1, Math.abs(hi) * 0.01);
  }
  const w = o.width - PAD.left - PAD.right;
  const h = o.height - PAD.top - PAD.bottom;
  const x = (i: number): number =>
    PAD.left + (points.length === 1 ? w / 2 : (i / (points.length - 1)) * w);
  const y = (v: number): number => PAD.top + (1 - (v - lo) / (hi - lo)) * h;
  const coords = points.map((p, i) => `${x(i).toFixed(1)},${y(p.equity).toFixed(1)}`);
  const up = (values[values.length - 1] ?? 0) >= (values[0] ?? 0);
  const stroke = up ? '#1a7f37' : '#cf222e';
  const grid = [0, 0.5, 1].map((f) => {
    const v = lo + f * (hi - lo);
    const gy = y(v).toFixed(1);
    return `<line x1="${PAD.left}" x2="${o.width - PAD.right}" y1="${gy}" y2="${gy}" stroke="#e3e6ec"/><text x="${PAD.left - 6}" y="${gy}" dy="4" text-anchor="end" font-size="11" fill="#556">${escapeHtml(usd(v))}</text>`;
  });
  const first = points[0];
  const last = points[points.length - 1];
  const labels = [
    first === undefined
      ? ''
      : `<text x="${PAD.left}" y="${o.height - 12}" font-size="11" fill="#556">${escapeHtml(first.date)}</text>`,
    last === undefined || points.length === 1
      ? ''
      : `<text x="${o.width - PAD.right}" y="${o.height - 12}" text-anchor="end" font-size="11" fill="#556">${escapeHtml(last.date)}</text>`,
  ];
  const dots = points.map(
    (p, i) =>
      `<circle cx="${x(i).toFixed(1)}" cy="${y(p.equity).toFixed(1)}" r="3" fill="${stroke}"><title>${escapeHtml(`${p.date}: ${usd(p.equity)}`)}</title></circle>`,
  );
  const line =
    points.length > 1
      ? `<polyline fill="none" stroke="${stroke}" stroke-width="2" points="${coords.join(' ')}"/>`
      : '';
  return `${open}${frame}${grid.join('')}${line}${dots.join('')}${labels.join('')}</svg>`;
}
