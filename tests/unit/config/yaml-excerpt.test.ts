import { describe, expect, it } from 'vitest';
import { yamlExcerpt } from '../../../src/config/yaml-excerpt.ts';

describe('yamlExcerpt', () => {
  const text = 'a: 1\nb: 2\nc: 3\nd: [x\ne: 5\n';

  it('numbers two lines before, the line, a caret under the column, then the next line', () => {
    expect(yamlExcerpt(text, 4, 4)).toBe(
      ['  2 | b: 2', '  3 | c: 3', '  4 | d: [x', '    |    ^', '  5 | e: 5'].join('\n'),
    );
  });

  it('stops at the start and end of the file, and widens the gutter for the line numbers shown', () => {
    expect(yamlExcerpt('x: [\n', 2, 1)).toBe(['  1 | x: [', '  2 | ', '    | ^'].join('\n'));
    const long = Array.from({ length: 10 }, (_v, i) => `k${i + 1}: ${i}`).join('\n');
    expect(yamlExcerpt(long, 9, 1).split('\n')).toEqual([
      '   7 | k7: 6',
      '   8 | k8: 7',
      '   9 | k9: 8',
      '     | ^',
      '  10 | k10: 9',
    ]);
  });

  it('shows a tab as one space so the caret stays under its column', () => {
    expect(yamlExcerpt('a:\n\tb: 1\n', 2, 2)).toBe(
      ['  1 | a:', '  2 |  b: 1', '    |  ^'].join('\n'),
    );
  });
});
