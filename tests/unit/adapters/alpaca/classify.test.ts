import { errors } from '@alpacahq/alpaca-trade-api';
import { describe, expect, it } from 'vitest';
import { classify } from '../../../../src/adapters/alpaca/classify.ts';

const answer = (status: number) => new Response(null, { status });
const permission = (message: string, code?: number) =>
  new errors.PermissionError(answer(403), 403, code, message);

describe('classify: refused credentials', () => {
  it('takes a 401 as refused credentials', () => {
    const e = new errors.AuthError(answer(401), 401, 40110000, 'request is not authorized');
    expect(classify(e, 'read')).toMatchObject({
      kind: 'auth',
      status: 401,
      message: 'broker refused the credentials: request is not authorized',
    });
  });

  it("takes Alpaca's bare 403 forbidden (wrong host or revoked key) as refused credentials", () => {
    expect(classify(permission('forbidden.'), 'read')).toMatchObject({ kind: 'auth', status: 403 });
    expect(classify(permission('access key verification failed', 40110000), 'write')).toMatchObject(
      { kind: 'auth' },
    );
  });

  it('keeps business 403s as rejections of the order, not of the credentials', () => {
    expect(
      classify(
        permission('insufficient qty available for order (requested: 10, available: 0)', 40310000),
        'write',
      ),
    ).toMatchObject({ kind: 'rejected' });
    expect(
      classify(permission('forbidden: potential wash trade detected', 40310000), 'write'),
    ).toMatchObject({ kind: 'rejected' });
    expect(
      classify(permission('trade denied due to pattern day trading protection', 40310100), 'write'),
    ).toMatchObject({ kind: 'rejected' });
  });
});
