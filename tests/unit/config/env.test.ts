import { describe, expect, it } from 'vitest';
import { deriveUrls, EnvError, readEnv, requireCredentials } from '../../../src/config/env.ts';

describe('readEnv', () => {
  it('derives the stream and data URLs from the simulator endpoint', () => {
    const env = readEnv(
      { ALPACA_ENDPOINT: 'http://127.0.0.1:8787/', TRADING_SYSTEM_ROOT: '/tmp/x' },
      false,
    );
    expect(env).toMatchObject({
      endpoint: 'http://127.0.0.1:8787',
      streamUrl: 'ws://127.0.0.1:8787/stream',
      dataEndpoint: 'http://127.0.0.1:8787',
      dataStreamUrl: 'ws://127.0.0.1:8787/v2/iex',
      root: '/tmp/x',
    });
  });

  it('uses Alpaca hosts for the paper endpoint and lets overrides win', () => {
    expect(deriveUrls('https://paper-api.alpaca.markets')).toEqual({
      streamUrl: 'wss://paper-api.alpaca.markets/stream',
      dataEndpoint: 'https://data.alpaca.markets',
      dataStreamUrl: 'wss://stream.data.alpaca.markets/v2/iex',
    });
    const env = readEnv({ ALPACA_DATA_STREAM_URL: 'ws://127.0.0.1:1/v2/test' }, false);
    expect(env.dataStreamUrl).toBe('ws://127.0.0.1:1/v2/test');
  });

  it('accepts the SDK variable names and collects every secret', () => {
    const env = readEnv(
      { APCA_API_KEY_ID: 'PKABCDEFGH', APCA_API_SECRET_KEY: 'SECRETXYZ', SMTP_PASS: 'mailpass' },
      false,
    );
    expect(requireCredentials(env)).toEqual({ keyId: 'PKABCDEFGH', secretKey: 'SECRETXYZ' });
    expect(env.secrets).toEqual(['PKABCDEFGH', 'SECRETXYZ', 'mailpass']);
  });

  it('counts a value under the unused name, and a password inside a URL, as secrets too', () => {
    const env = readEnv(
      {
        ALPACA_API_KEY: 'PKALPACA01',
        APCA_API_KEY_ID: 'PKLEFTOVER',
        ALPACA_SECRET_KEY: 'secret-one',
        ALPACA_ENDPOINT: 'https://me:pr%2Fxy-pass@proxy.example',
      },
      false,
    );
    expect(requireCredentials(env)).toEqual({ keyId: 'PKALPACA01', secretKey: 'secret-one' });
    expect([...env.secrets].sort()).toEqual([
      'PKALPACA01',
      'PKLEFTOVER',
      'pr/xy-pass',
      'secret-one',
    ]);
  });

  it.each([
    ['ALPACA_API_KEY', { ALPACA_API_KEY: 'sim', ALPACA_SECRET_KEY: 'long-enough-secret' }],
    ['ALPACA_SECRET_KEY', { ALPACA_API_KEY: 'PKLONGENOUGH', ALPACA_SECRET_KEY: 'sim' }],
    ['APCA_API_SECRET_KEY', { APCA_API_KEY_ID: 'PKLONGENOUGH', APCA_API_SECRET_KEY: 'seven77' }],
    ['SMTP_PASS', { SMTP_PASS: 'hunter2' }],
    ['the password in ALPACA_ENDPOINT', { ALPACA_ENDPOINT: 'https://me:pw@proxy.example' }],
  ])(
    'refuses a secret shorter than 8 characters in %s, naming it and never its value',
    (name, vars) => {
      const refuse = () => readEnv(vars, false);
      expect(refuse).toThrow(EnvError);
      expect(refuse).toThrow(`${name} is shorter than 8 characters`);
      const message = (() => {
        try {
          refuse();
          return '';
        } catch (e) {
          return e instanceof Error ? e.message : '';
        }
      })();
      for (const value of Object.values(vars)) expect(message).not.toContain(value);
    },
  );

  it('parses the manual switches', () => {
    const env = readEnv(
      {
        TRADING_DISABLED: 'true',
        STRATEGY_DISABLED_LIST: 'momentum, gap_fill ,',
        TRADING_CAPITAL: '50000',
      },
      false,
    );
    expect(env.tradingDisabled).toBe(true);
    expect(env.strategyDisabledList).toEqual(['momentum', 'gap_fill']);
    expect(env.tradingCapital).toBe(50000);
  });

  it('explains missing credentials and bad values', () => {
    expect(() => requireCredentials(readEnv({}, false))).toThrow(
      /set ALPACA_API_KEY and ALPACA_SECRET_KEY/,
    );
    expect(() => readEnv({ TRADING_CAPITAL: '-5' }, false)).toThrow(EnvError);
    expect(() => readEnv({ ALPACA_ENDPOINT: 'not a url' }, false)).toThrow(
      /ALPACA_ENDPOINT is not a URL/,
    );
  });

  it('reads TRADING_DISABLED as a switch: the words of either state, any case, trimmed; empty is unset', () => {
    const disabled = (value: string) => readEnv({ TRADING_DISABLED: value }, false).tradingDisabled;
    for (const on of ['true', '1', 'yes', 'on', 'TRUE', ' Yes ', 'On'])
      expect(disabled(on)).toBe(true);
    for (const off of ['false', '0', 'no', 'off', 'False', ' NO ', '', '  '])
      expect(disabled(off)).toBe(false);
    expect(readEnv({}, false).tradingDisabled).toBe(false);
  });

  it('refuses any other word for a switch (fail closed), naming the variable and the accepted words', () => {
    for (const word of ['Y', 'halt', 'enabled', 'disabled', 'tru', '2', 'yes please']) {
      expect(() => readEnv({ TRADING_DISABLED: word }, false)).toThrow(EnvError);
      expect(() => readEnv({ TRADING_DISABLED: word }, false)).toThrow(
        `TRADING_DISABLED=${JSON.stringify(word)} is not a switch: set it to true/false, 1/0, yes/no or on/off, or leave it empty`,
      );
    }
    expect(() => readEnv({ STRIKELINE_DEBUG: 'verbose' }, false)).toThrow(
      /STRIKELINE_DEBUG="verbose" is not a switch/,
    );
    expect(() => readEnv({ STRIKELINE_DEBUG: 'on' }, false)).not.toThrow();
  });
});
