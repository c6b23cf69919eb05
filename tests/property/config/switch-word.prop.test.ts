/**
 * Invariants of the on/off switches (config/switch-word.ts), in the environment and in config.yaml:
 * - true/1/yes/on read as on and false/0/no/off as off, in any case and with surrounding blanks;
 * - an empty (or blank) variable is unset: the default;
 * - any other text is refused (fail closed): an EnvError naming the variable, or a ConfigError naming the key.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { EnvError, readEnv } from '../../../src/config/env.ts';
import { validateConfig } from '../../../src/config/load-config.ts';

const ON = ['true', '1', 'yes', 'on'];
const OFF = ['false', '0', 'no', 'off'];
const blank = fc.constantFrom('', ' ', '\t', '  ');
const randomCase = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((up) => Array.from(word, (ch, i) => (up[i] ? ch.toUpperCase() : ch)).join(''));
const spelled = fc
  .tuple(blank, fc.constantFrom(...ON, ...OFF).chain(randomCase), blank)
  .map(([a, w, b]) => `${a}${w}${b}`);
const anyText = fc.oneof(
  spelled,
  fc.string(),
  fc.constantFrom('Y', 'N', 'halt', 'enabled', 'disabled', 'truee', 'o n', '01'),
);

/** What a text should mean: on, off, unset, or refused. */
function meaning(text: string): boolean | 'unset' | 'refused' {
  const word = text.trim().toLowerCase();
  if (word === '') return 'unset';
  if (ON.includes(word)) return true;
  if (OFF.includes(word)) return false;
  return 'refused';
}

test.prop([anyText])(
  'TRADING_DISABLED is on, off, unset (off) or refused, and nothing else',
  (text) => {
    const expected = meaning(text);
    if (expected === 'refused') {
      expect(() => readEnv({ TRADING_DISABLED: text }, false)).toThrow(EnvError);
      expect(() => readEnv({ TRADING_DISABLED: text }, false)).toThrow(
        /^TRADING_DISABLED=.* is not a switch: set it to true\/false, 1\/0, yes\/no or on\/off/,
      );
    } else {
      expect(readEnv({ TRADING_DISABLED: text }, false).tradingDisabled).toBe(expected === true);
    }
  },
);

test.prop([anyText])(
  'a switch key of config.yaml reads the same words, and refuses the rest with its key path',
  (text) => {
    const expected = meaning(text);
    const read = () => validateConfig({ alerts: { email: text } }, 'config.yaml').alerts.email;
    if (typeof expected === 'boolean') expect(read()).toBe(expected);
    else
      expect(read).toThrow(
        /alerts\.email: expected one of true\/false, 1\/0, yes\/no or on\/off, found string/,
      );
  },
);
