import { describe, expect, it } from 'vitest';
import { equitySvg } from '../../../../src/jobs/report/equity-svg.ts';
import type { ReportData } from '../../../../src/jobs/report/report-data.ts';
import { renderReportHtml } from '../../../../src/jobs/report/render-report-html.ts';
import { renderReportText } from '../../../../src/jobs/report/render-report-text.ts';
import { reportSms, reportSubject } from '../../../../src/jobs/report/report-sms.ts';

const evil = '<script>alert("x")</script>&\'';
const stats = {
  strategy: evil,
  trades: 2,
  winRate: 0.5,
  profitFactor: Infinity,
  grossPl: 12.5,
  modelCosts: 1.2,
  netPl: 11.3,
};
const report: ReportData = {
  generatedAt: '2024-05-01T16:05:00-04:00',
  day: '2024-05-01',
  tradingDay: true,
  account: {
    equity: 101_234.56,
    cash: 50_000,
    lastEquity: 100_000,
    buyingPower: 50_000,
    longMarketValue: 51_234.56,
    dayPl: 1234.56,
    dayPlPct: 0.0123456,
  },
  positions: [
    {
      symbol: 'AAPL',
      qty: 10.5,
      avgEntryPrice: 100,
      currentPrice: 101,
      marketValue: 1060.5,
      costBasis: 1050,
      unrealizedPl: 10.5,
      unrealizedPlPct: 0.01,
      protection: {
        state: 'UNPROTECTED',
        protectedQty: 0,
        stopPrice: null,
        targetPrice: null,
        orders: 0,
      },
      openedAt: '2024-04-29T09:35:00-04:00',
      ageDays: 2.3,
      strategy: evil,
    },
  ],
  totals: { positions: 1, marketValue: 1060.5, unrealizedPl: 10.5, unprotected: 1 },
  closedTrades: [
    {
      orderId: 'o1',
      symbol: 'MSFT',
      strategy: evil,
      qty: 3,
      entryPrice: 400,
      exitPrice: 410,
      realizedPl: 30,
      realizedPlPct: 0.025,
      modelCosts: 1.85,
      netPl: 28.15,
      filledAt: '2024-05-01T15:00:00-04:00',
    },
  ],
  realizedPl: 30,
  protections: [
    {
      symbol: 'AAPL',
      what: 'OCO',
      at: '2024-05-01T09:35:01-04:00',
      qty: 10,
      entryPrice: 100,
      stopPrice: 95,
      takeProfitPrice: 120,
      latencySentMs: 2.345,
      latencyAckMs: 140.2,
    },
  ],
  metrics: {
    equity: {
      points: 3,
      from: '2024-04-29',
      to: '2024-05-01',
      totalReturn: 0.0123,
      sharpe: 1.5,
      sortino: null,
      calmar: null,
      maxDrawdown: 0.01,
    },
    trades: { overall: { ...stats, strategy: 'all' }, byStrategy: [stats] },
    costModel: { slippageBps: 7.5, commissionPerShare: 0.005 },
  },
  equityCurve: [
    { date: '2024-04-29', equity: 100_500, cash: null },
    { date: '2024-04-30', equity: 100_000, cash: 50_000 },
    { date: '2024-05-01', equity: 101_234.56, cash: 50_000 },
  ],
};

describe('report renderers', () => {
  it('escapes every string in the HTML and loads nothing from outside', () => {
    const html = renderReportHtml(report);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(html).toContain('Content-Security-Policy" content="default-src \'none\'');
    expect(html.match(/https?:\/\/[^"]+/g)).toEqual(['http://www.w3.org/2000/svg']);
    expect(html).toContain('+$1,234.56 (+1.23%)');
    expect(html).toContain('UNPROTECTED');
  });

  it('draws the equity curve as one polyline through every point', () => {
    const svg = equitySvg(report.equityCurve);
    expect(svg.match(/<circle/g)).toHaveLength(3);
    expect(svg.match(/<polyline[^>]*points="([^"]+)"/)?.[1]?.split(' ')).toHaveLength(3);
    expect(equitySvg([])).toContain('no equity history yet');
    expect(equitySvg([{ date: '2024-05-01', equity: 5, cash: 5 }])).not.toContain('<polyline');
  });

  it('prints the terminal table with the figures and latencies', () => {
    const text = renderReportText(report);
    expect(text).toContain(
      'equity $101,234.56   cash $50,000.00   last equity $100,000.00   day P/L +$1,234.56 (+1.23%)',
    );
    expect(text).toContain('1 NOT fully protected');
    expect(text).toMatch(
      /AAPL\s+10\.5000\s+100\.00\s+101\.00\s+\$1,060\.50\s+\+\$10\.50\s+\+1\.00%\s+UNPROTECTED\s+2\.3d/,
    );
    expect(text).toMatch(/AAPL\s+OCO\s+09:35:01\s+10\s+100\.00\s+95\.00\s+120\.00\s+2\.3\s+140/);
    expect(text).toContain('Sharpe 1.50, Sortino n/a, Calmar n/a, max drawdown 1.00%');
  });

  it('fits the SMS in 160 characters and names the equity in the subject', () => {
    const sms = reportSms(report);
    expect(sms).toBe(
      'strikeline 2024-05-01: eq $101,234.56 day +$1,234.56 (+1.23%) pos 1 closed 1 realized +$30.00 1 UNPROTECTED!',
    );
    expect(reportSms(report, 40)).toHaveLength(40);
    expect(reportSubject(report)).toBe(
      'Daily report 2024-05-01: equity $101,234.56, day +$1,234.56 (+1.23%)',
    );
  });
});

describe('protectionLabel and isRearmedStop', () => {
  it('names the order and why it was placed', async () => {
    const { protectionLabel } = await import('../../../../src/jobs/report/build-report.ts');
    expect(protectionLabel('oco', 'fill')).toBe('OCO');
    expect(protectionLabel('stop', 'fill')).toBe('DAY stop');
    expect(protectionLabel('stop', 'follow_up', true)).toBe('DAY stop, re-armed at the open');
    expect(protectionLabel('oco', 'audit')).toBe('OCO, audit repair');
    expect(protectionLabel('oco', 'order_update')).toBe('OCO, re-placed');
  });

  it('sees a DAY stop placed on a later session for the same entry as re-armed', async () => {
    const { isRearmedStop } = await import('../../../../src/jobs/report/build-report.ts');
    const placed = (ts: string, entryOrderId: string, role = 'stop') => ({
      ts: Date.parse(ts), actor: 'stream', action: 'protection_placed', reason: 'r', symbol: 'AAPL', data: { role, entryOrderId, cause: 'follow_up' },
    });
    const first = placed('2024-05-01T13:35:00Z', 'e1');
    const sameDay = placed('2024-05-01T15:00:00Z', 'e1');
    const nextOpen = placed('2024-05-02T13:30:30Z', 'e1');
    const otherEntry = placed('2024-05-02T13:30:30Z', 'e2');
    const journal = [first, sameDay, nextOpen, otherEntry, placed('2024-05-02T13:31:00Z', 'e1', 'oco')];
    expect(isRearmedStop(first, journal)).toBe(false);
    expect(isRearmedStop(sameDay, journal)).toBe(false);
    expect(isRearmedStop(nextOpen, journal)).toBe(true);
    expect(isRearmedStop(otherEntry, journal)).toBe(false);
    expect(isRearmedStop(journal[4]!, journal)).toBe(false);
  });
});
