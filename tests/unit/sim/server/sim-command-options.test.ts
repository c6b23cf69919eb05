import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../src/cli/errors.ts';
import { DEFAULT_SIM_PORT, parseSimOptions } from '../../../../src/cli/sim-command.ts';

const noEnv = { apiKey: undefined, secretKey: undefined };

describe('parseSimOptions', () => {
  it('applies defaults: port 8787, credentials from the environment, else none (the simulator generates a pair)', () => {
    expect(parseSimOptions({}, noEnv)).toEqual({ port: DEFAULT_SIM_PORT, textFrames: false });
    expect(
      parseSimOptions({}, { apiKey: 'PKFROMENV', secretKey: 'secret-from-env' }),
    ).toMatchObject({ key: 'PKFROMENV', secret: 'secret-from-env' });
    expect(parseSimOptions({}, { apiKey: '', secretKey: '' })).toEqual({
      port: DEFAULT_SIM_PORT,
      textFrames: false,
    });
    expect(
      parseSimOptions(
        { key: 'PKFROMFLAG', secret: 'secret-from-flag' },
        { apiKey: 'PKFROMENV', secretKey: 'secret-from-env' },
      ),
    ).toMatchObject({
      key: 'PKFROMFLAG',
      secret: 'secret-from-flag',
    });
  });

  it('reads every option', () => {
    const o = parseSimOptions(
      {
        port: '0',
        seed: '7',
        symbols: 'aapl, msft',
        notFractionable: 'MSFT',
        cash: '25000',
        start: '2024-05-01T13:25:00Z',
        speed: '60',
        spreadBps: '5',
        partialFillRate: '0.25',
        rateLimit: '200',
        textFrames: true,
      },
      noEnv,
    );
    expect(o).toEqual({
      port: 0,
      seed: 7,
      symbols: ['AAPL', 'MSFT'],
      notFractionable: ['MSFT'],
      cash: 25000,
      start: '2024-05-01T13:25:00Z',
      speed: 60,
      spreadBps: 5,
      partialFillRate: 0.25,
      rateLimitPerMinute: 200,
      textFrames: true,
    });
  });

  it.each([
    [{ port: '70000' }, '--port'],
    [{ port: 'abc' }, '--port'],
    [{ seed: '1.5' }, '--seed'],
    [{ cash: '-5' }, '--cash'],
    [{ speed: '-1' }, '--speed'],
    [{ start: 'tomorrow' }, '--start'],
    [{ partialFillRate: '2' }, '--partial-fill-rate'],
    [{ spreadBps: 'x' }, '--spread-bps'],
    [{ symbols: 'AAPL,$$$' }, '--symbols'],
    [{ symbols: ' , ' }, '--symbols'],
    [{ rateLimit: '0' }, '--rate-limit'],
    [{ key: '' }, '--key'],
    [{ key: 'sim', secret: 'long-enough-secret' }, '--key is shorter than 8 characters'],
    [{ key: 'PKLONGENOUGH', secret: 'sim' }, '--secret is shorter than 8 characters'],
    [{ key: 'PKLONGENOUGH' }, '--key and --secret'],
    [{ secret: 'long-enough-secret' }, '--key and --secret'],
  ])('refuses %o with a usage error naming %s', (raw, flag) => {
    expect(() => parseSimOptions(raw, noEnv)).toThrow(UsageError);
    expect(() => parseSimOptions(raw, noEnv)).toThrow(flag);
  });
});
