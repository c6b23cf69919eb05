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
        dayStopExpired: false,
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
      entryAt: '2024-04-29T09:35:00-04:00',
      holdingMs: 2 * 86_400_000 + 5.5 * 3_600_000,
      exitReason: 'strategy',
      exitDetail: 'rsi_above_50',
      legs: 2,
      legOrderIds: ['o1', 'o2'],
      partial: false,
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
  intradayCurve: [
    { date: '09:30', equity: 100_000 },
    { date: '12:00', equity: 99_000 },
    { date: '16:00', equity: 101_234.56 },
  ],
};

describe('report renderers', () => {
  it('escapes every string in the HTML and loads nothing from outside', () => {
    const html = renderReportHtml(report);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(html).toContain('Content-Security-Policy" content="default-src \'none\'');
    expect(new Set(html.match(/https?:\/\/[^"]+/g))).toEqual(
      new Set(['http://www.w3.org/2000/svg']),
    );
    expect(html).toContain('+$1,234.56 (+1.23%)');
    expect(html).toContain('UNPROTECTED');
  });

  it('draws the equity curve on a percent axis with a drawdown panel, and never a lone dot', () => {
    const svg = equitySvg(report.equityCurve);
    expect(svg.match(/<polyline[^>]*points="([^"]+)"/)?.[1]?.split(' ')).toHaveLength(3);
    // Change from the first point on the axis (+0.73% at the last of 3 points) and the 0.50% drawdown below.
    expect(svg).toContain('change +0.73%');
    expect(svg).toContain('drawdown (max -0.50%)');
    expect(svg).toMatch(/>\+0\.73%</);
    expect(svg).toContain('<polygon');
    expect(svg).not.toMatch(/>\$100,000/);
    expect(equitySvg([])).toContain('no equity history yet');
    const one = equitySvg([{ date: '2024-05-01', equity: 5 }]);
    expect(one).not.toContain('<polyline');
    expect(one).toContain('one point so far');
  });

  it('shows the intraday curve beside the daily one, and only the intraday one when the history is one day', () => {
    const html = renderReportHtml(report);
    expect(html.match(/<polyline/g)).toHaveLength(2);
    expect(html).toContain('aria-label="Equity today"');
    const oneDay = renderReportHtml({ ...report, equityCurve: [report.equityCurve[2]!] });
    expect(oneDay.match(/<polyline/g)).toHaveLength(1);
    expect(oneDay).not.toContain('one point so far');
    const noIntraday = renderReportHtml({
      ...report,
      equityCurve: [report.equityCurve[2]!],
      intradayCurve: [],
    });
    expect(noIntraday).toContain('one point so far');
  });

  it('names the exit, its times and holding period, and does not repeat a lone strategy as the total', () => {
    const text = renderReportText(report);
    expect(text).toMatch(
      /04-29 09:35\s+05-01 15:00\s+2d 6h\s+strategy exit \(rsi_above_50\), 2 orders/,
    );
    expect(renderReportHtml(report)).toContain('strategy exit (rsi_above_50), 2 orders');
    expect(text).not.toMatch(/^all\s/m);
    const two = { ...report.metrics.trades, byStrategy: [stats, { ...stats, strategy: 'b' }] };
    expect(renderReportText({ ...report, metrics: { ...report.metrics, trades: two } })).toMatch(
      /^all\s/m,
    );
  });

  it('shows a fraction whose DAY stop expired at the close as protected, with no alarm', () => {
    const pos = report.positions[0]!;
    const expired = {
      ...report,
      positions: [
        {
          ...pos,
          protection: {
            ...pos.protection,
            state: 'partial' as const,
            protectedQty: 10,
            stopPrice: 95,
            dayStopExpired: true,
          },
        },
      ],
      totals: { ...report.totals, unprotected: 0 },
    };
    const text = renderReportText(expired);
    expect(text).not.toContain('NOT fully protected');
    expect(text).toContain(
      'protected (stop 95.00); fraction DAY stop expired at the close, re-armed at the open',
    );
    const html = renderReportHtml(expired);
    expect(html).not.toContain('class="warn"');
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
      ts: Date.parse(ts),
      actor: 'stream',
      action: 'protection_placed',
      reason: 'r',
      symbol: 'AAPL',
      data: { role, entryOrderId, cause: 'follow_up' },
    });
    const first = placed('2024-05-01T13:35:00Z', 'e1');
    const sameDay = placed('2024-05-01T15:00:00Z', 'e1');
    const nextOpen = placed('2024-05-02T13:30:30Z', 'e1');
    const otherEntry = placed('2024-05-02T13:30:30Z', 'e2');
    const journal = [
      first,
      sameDay,
      nextOpen,
      otherEntry,
      placed('2024-05-02T13:31:00Z', 'e1', 'oco'),
    ];
    expect(isRearmedStop(first, journal)).toBe(false);
    expect(isRearmedStop(sameDay, journal)).toBe(false);
    expect(isRearmedStop(nextOpen, journal)).toBe(true);
    expect(isRearmedStop(otherEntry, journal)).toBe(false);
    expect(isRearmedStop(journal[4]!, journal)).toBe(false);
  });
});
