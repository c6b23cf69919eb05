/**
 * @module The doctor's alert checks: the SMTP server reachable (and the login accepted), recipients set for email
 * and SMS, and with --send-test a test alert handed to the server on every channel.
 */
import type { AlertMailer, Delivery } from '../../domain/diagnostics.ts';
import { checksOf, messageOf, type DoctorCheck } from './doctor-check.ts';

const c = checksOf('alerts');

export interface AlertFacts {
  readonly smtp: {
    readonly host: string | undefined;
    readonly port: number;
    readonly user: string | undefined;
  };
  readonly mailer: AlertMailer;
  readonly sendTest: boolean;
  /** The box's name, in the test alert: which install sent it. */
  readonly hostname: string;
  readonly root: string;
}

const SMTP_FIX = 'set SMTP_HOST, SMTP_PORT (and SMTP_USER, SMTP_PASS) in .env';

async function smtpCheck(f: AlertFacts): Promise<DoctorCheck> {
  const where = `${f.smtp.host ?? '?'}:${f.smtp.port}`;
  if (f.smtp.host === undefined)
    return (f.sendTest ? c.fail : c.warn)(
      'alerts.smtp',
      'no SMTP_HOST: alerts (a stop that failed, safety mode) are only logged, never sent',
      SMTP_FIX,
    );
  try {
    await f.mailer.verify();
    return c.ok(
      'alerts.smtp',
      `SMTP ${where} reachable${f.smtp.user === undefined ? '' : `, login as ${f.smtp.user} accepted`}`,
    );
  } catch (e) {
    return c.fail(
      'alerts.smtp',
      `SMTP ${where}: ${messageOf(e)}`,
      `check ${SMTP_FIX.slice(4)}, and that this box may reach ${where}`,
    );
  }
}

function recipientsCheck(f: AlertFacts): DoctorCheck {
  const to = f.mailer.channels.map((ch) => `${ch.channel} ${ch.to}`);
  if (to.length === 0)
    return (f.sendTest ? c.fail : c.warn)(
      'alerts.recipients',
      'no recipient: ALERT_EMAIL_TO and SMTP_TO_SMS unset (or alerts.email / alerts.sms off)',
      'set ALERT_EMAIL_TO (and SMTP_TO_SMS, e.g. 5551234567@vtext.com) in .env',
    );
  const missing = (['email', 'sms'] as const).filter(
    (ch) => !f.mailer.channels.some((x) => x.channel === ch),
  );
  if (missing.length > 0)
    return c.warn(
      'alerts.recipients',
      `alerts go to ${to.join(', ')}; none by ${missing.join(' or ')}`,
      missing.includes('sms')
        ? "set SMTP_TO_SMS (a carrier's email gateway) for alerts on the phone"
        : 'set ALERT_EMAIL_TO',
    );
  return c.ok('alerts.recipients', `alerts go to ${to.join(', ')}`);
}

const deliveryText = (d: Delivery): string =>
  `${d.channel} to ${d.to} ${d.sent ? 'handed to the server' : `NOT sent (${d.error ?? '?'})`}`;

async function sendTestCheck(f: AlertFacts): Promise<DoctorCheck> {
  const deliveries = await f.mailer.deliver({
    severity: 'info',
    subject: `test alert from strikeline doctor on ${f.hostname}`,
    short: `strikeline test alert from ${f.hostname}: alerts reach this phone`,
    text: `strikeline doctor --send-test on ${f.hostname} (${f.root}).\nIf you read this, alerts reach you. Nothing else happened.\n`,
  });
  if (deliveries.length === 0)
    return c.fail(
      'alerts.test',
      'nothing sent: no SMTP server or no recipient (see above)',
      SMTP_FIX,
    );
  const failed = deliveries.filter((d) => !d.sent);
  const line = deliveries.map(deliveryText).join('; ');
  if (failed.length > 0)
    return c.fail('alerts.test', line, 'see alerts.smtp; the server refused the message');
  return c.ok('alerts.test', `${line}: check that they arrived`);
}

export async function alertChecks(f: AlertFacts): Promise<DoctorCheck[]> {
  const smtp = await smtpCheck(f);
  const recipients = recipientsCheck(f);
  if (!f.sendTest) return [smtp, recipients];
  return [
    smtp,
    recipients,
    smtp.status === 'fail'
      ? c.notChecked('alerts.test', 'the SMTP server is not usable')
      : await sendTestCheck(f),
  ];
}
