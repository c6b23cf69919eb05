/**
 * The reducer's holdings map (domain/holdings/layered-map.ts) against a copied Map, the structure it replaces:
 * after any sequence of versions, each built from the last with random sets and deletes, every version still
 * reads (entries in order, size, get, has, forEach) exactly as a Map copied and edited the same way, old versions
 * included (a new version never changes an old one).
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { LayeredMap } from '../../../src/domain/holdings/layered-map.ts';

type Op = { kind: 'set'; key: number; value: number } | { kind: 'delete'; key: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.nat(40), value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.nat(40) }),
);

function sameAs(actual: ReadonlyMap<string, number>, expected: ReadonlyMap<string, number>): void {
  expect([...actual.entries()]).toEqual([...expected.entries()]);
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  expect([...actual.values()]).toEqual([...expected.values()]);
  expect(actual.size).toBe(expected.size);
  const visited: [string, number][] = [];
  actual.forEach((v, k) => visited.push([k, v]));
  expect(visited).toEqual([...expected.entries()]);
  for (let k = 0; k <= 40; k += 1) {
    expect(actual.get(`k${k}`)).toBe(expected.get(`k${k}`));
    expect(actual.has(`k${k}`)).toBe(expected.has(`k${k}`));
  }
}

test.prop([
  fc.array(fc.tuple(fc.integer(), fc.integer()), { maxLength: 60 }),
  fc.array(fc.array(op, { maxLength: 12 }), { maxLength: 40 }),
])('every version reads as a copied and edited Map, old versions unchanged', (initial, steps) => {
  const start = new Map(initial.map(([k, v]) => [`k${Math.abs(k) % 41}`, v]));
  const versions: { layered: ReadonlyMap<string, number>; model: ReadonlyMap<string, number> }[] =
    [];
  let layered = LayeredMap.of(start);
  let model: ReadonlyMap<string, number> = new Map(start);
  for (const ops of steps) {
    const edit = layered.edit();
    const next = new Map(model);
    for (const o of ops) {
      if (o.kind === 'set') {
        edit.set(`k${o.key}`, o.value);
        next.set(`k${o.key}`, o.value);
      } else {
        edit.delete(`k${o.key}`);
        next.delete(`k${o.key}`);
      }
      expect(edit.size).toBe(next.size);
      expect([...edit.keys()]).toEqual([...next.keys()]);
    }
    layered = edit.done();
    model = next;
    versions.push({ layered, model });
  }
  for (const v of versions) sameAs(v.layered, v.model);
});
