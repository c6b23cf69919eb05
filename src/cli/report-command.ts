/** @module `strikeline report`: the end-of-day investment report: terminal table, --json, an HTML file in reports/, --email. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { renderReportHtml } from '../jobs/report/render-report-html.ts';
import { renderReportText } from '../jobs/report/render-report-text.ts';
import { reportSms, reportSubject } from '../jobs/report/report-sms.ts';
import { runReportJob } from '../jobs/report/report-job.ts';
import { reportResearch } from '../jobs/report/report-research.ts';
import { composeAlpaca } from './compose.ts';
import { withContext } from './context.ts';
import { emailReport } from './email-report.ts';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'end-of-day investment report: account, positions with protection, closed trades, latency, metrics; writes reports/report_<date>.html',
    )
    .option('--json', 'print the report as JSON instead of a table')
    .option(
      '--email',
      'also send it by email (HTML + text) and an SMS-sized summary through the configured SMTP; exit 1 when it cannot be sent',
    )
    .action(async (opts: { json?: boolean; email?: boolean }) => {
      await withContext('report', async (ctx) => {
        const store = ctx.store();
        const report = await runReportJob({
          broker: composeAlpaca(ctx).broker,
          store,
          research: () => reportResearch(store, ctx.paths.data),
          log: ctx.log,
          costModel: {
            slippageBps: ctx.config.scanner.slippage_bps,
            commissionPerShare: ctx.config.scanner.commission_per_share,
          },
        });
        const text = renderReportText(report);
        // The report writer's edge: stdout, mail and the store scrub on their own.
        const html = ctx.scrub(renderReportHtml(report));
        mkdirSync(ctx.paths.reports, { recursive: true });
        const file = join(ctx.paths.reports, `report_${report.day}.html`);
        writeFileSync(file, html);
        process.stdout.write(
          opts.json === true
            ? `${JSON.stringify({ ...report, html: file }, (_k, v: unknown) => (v === Infinity ? 'inf' : v), 2)}\n`
            : `${text}\nHTML report: ${file}\n`,
        );
        ctx.events.emit('RUN_FINISHED', {
          job: 'report',
          day: report.day,
          equity: report.account.equity,
          positions: report.totals.positions,
          closed: report.closedTrades.length,
          html: file,
        });
        // After the run is recorded: a mail that cannot go out fails the command (exit 1), not the report.
        if (opts.email === true) {
          const sent = await emailReport(ctx.mailer(), ctx.env.smtp.host, {
            severity: 'info',
            subject: reportSubject(report),
            short: reportSms(report, ctx.config.alerts.sms_max_chars),
            text,
            html,
          });
          if (opts.json !== true) process.stdout.write(`emailed to ${sent.join(', ')}\n`);
        }
      });
    });
}
