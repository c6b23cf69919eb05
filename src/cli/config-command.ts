/** @module `strikeline config check`: validates config/config.yaml and shows the effective settings, secrets masked. */
import type { Command } from 'commander';
import { stringify } from 'yaml';
import type { Env } from '../config/env.ts';
import { unfundedWarning } from '../config/unfunded-strategies.ts';
import { withContext } from './context.ts';

const mask = (v: string | undefined): string => (v === undefined ? '(not set)' : '**** (set)');

export function environmentSummary(env: Env): Record<string, string> {
  return {
    TRADING_SYSTEM_ROOT: env.root,
    ALPACA_API_KEY: mask(env.apiKey),
    ALPACA_SECRET_KEY: mask(env.secretKey),
    ALPACA_ENDPOINT: env.endpoint,
    ALPACA_STREAM_URL: env.streamUrl,
    ALPACA_DATA_ENDPOINT: env.dataEndpoint,
    ALPACA_DATA_STREAM_URL: env.dataStreamUrl,
    TRADING_CAPITAL:
      env.tradingCapital === undefined ? '(from the account)' : String(env.tradingCapital),
    TRADING_DISABLED: String(env.tradingDisabled),
    STRATEGY_DISABLED_LIST: env.strategyDisabledList.join(',') || '(none)',
    SMTP_HOST: env.smtp.host ?? '(not set: alerts are logged only)',
    SMTP_PORT: String(env.smtp.port),
    SMTP_USER: env.smtp.user ?? '(not set)',
    SMTP_PASS: mask(env.smtp.pass),
    ALERT_EMAIL_TO: env.smtp.emailTo ?? '(not set)',
    SMTP_TO_SMS: env.smtp.smsTo ?? '(not set)',
    LOG_LEVEL: env.logLevel,
  };
}

export function registerConfig(program: Command): void {
  const config = program.command('config').description('inspect the configuration');
  config
    .command('check')
    .description(
      'validate config/config.yaml and print the effective configuration (secrets masked); exit 2 when invalid',
    )
    .option('--json', 'print JSON instead of YAML')
    .action(async (opts: { json?: boolean }) => {
      await withContext('config', async (ctx) => {
        const unfunded = unfundedWarning(ctx.config);
        const warnings = unfunded === null ? [] : [`strategies: ${unfunded}`];
        const effective = {
          source: ctx.configSource,
          environment: environmentSummary(ctx.env),
          warnings,
          config: ctx.config,
        };
        ctx.log.info(
          { source: ctx.configSource, environment: effective.environment, warnings },
          'configuration checked',
        );
        const header = ['# configuration is valid', ...warnings.map((w) => `# warning: ${w}`)].join(
          '\n',
        );
        process.stdout.write(
          opts.json
            ? `${JSON.stringify(effective, null, 2)}\n`
            : `${header}\n${stringify(effective)}`,
        );
        return Promise.resolve();
      });
    });
}
