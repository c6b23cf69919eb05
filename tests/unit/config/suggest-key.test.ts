import { describe, expect, it } from 'vitest';
import { editDistance, suggestKey } from '../../../src/config/suggest-key.ts';

const CAPITAL = [
  'total_capital',
  'risk_per_trade_pct',
  'max_position_usd',
  'max_positions',
  'max_position_pct',
  'cash_buffer_pct',
];

describe('suggestKey', () => {
  it('finds the key one or two edits away (a dropped letter, a swap, a doubled letter)', () => {
    expect(suggestKey('max_postions', CAPITAL)).toBe('max_positions');
    expect(suggestKey('max_positons', CAPITAL)).toBe('max_positions');
    expect(suggestKey('cash_bufer_pct', CAPITAL)).toBe('cash_buffer_pct');
    expect(suggestKey('risk_per_trdae_pct', CAPITAL)).toBe('risk_per_trade_pct');
  });

  it('reads case and hyphens as spellings of the same key', () => {
    expect(suggestKey('Max-Positions', CAPITAL)).toBe('max_positions');
  });

  it('prefers the nearest key and suggests nothing beyond a typo', () => {
    expect(suggestKey('max_position', CAPITAL)).toBe('max_positions');
    expect(suggestKey('leverage', CAPITAL)).toBeUndefined();
    expect(suggestKey('exit', ['exits', 'capital'])).toBe('exits');
    expect(suggestKey('ext', ['exits'])).toBeUndefined();
  });

  it('counts a transposition as one edit', () => {
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
