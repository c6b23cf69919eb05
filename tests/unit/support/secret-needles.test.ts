/** The chaos suite's fast leak search finds what the decoding oracle finds, for every form a broker produces. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { encodedForms, secretFormsIn, secretNeedles } from '../../support/secret-forms.ts';

const FORMS = Object.keys(encodedForms('x'.repeat(8)));
const secretChars = fc.constantFrom(...'abcXYZ019+/=_-"<>&% '.split(''));

describe('secretNeedles', () => {
  test.prop(
    [
      fc.string({ minLength: 8, maxLength: 40, unit: secretChars }),
      fc.string({ maxLength: 12 }),
      fc.string({ maxLength: 12 }),
      fc.constantFrom(...FORMS),
      fc.constantFrom(0, 1, 2),
    ],
    { numRuns: 2_000 },
  )(
    'finds every form the decoding oracle finds in a text that embeds one',
    (secret, before, after, form, pad) => {
      const forms = encodedForms(secret);
      const embedded = form.startsWith('base64')
        ? Buffer.from(`${'p'.repeat(pad)}${secret}q`).toString(
            form.includes('url') ? 'base64url' : 'base64',
          )
        : (forms[form] ?? secret);
      const text = `${before}${embedded}${after}`;
      if (secretFormsIn(text, secret).length === 0) return;
      expect(secretNeedles(secret).some((n) => text.includes(n))).toBe(true);
    },
  );

  it('finds a form-encoded secret that reads like base64 (a trailing space becomes +; seed -515849866)', () => {
    expect(secretNeedles('aaaaaaa ')).toContain('aaaaaaa+');
  });
});
