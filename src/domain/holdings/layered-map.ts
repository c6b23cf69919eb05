/**
 * @module An immutable ordered map that shares its bulk between versions: a frozen base plus a small layer of
 * changes, folded into a new base once the layer grows. The reducer derives one version per input; a plain
 * `new Map(previous)` per input copied every held symbol on every fill (issue 19: the fill -> POST tail was set by
 * the garbage those copies made). Iteration order is exactly a copied Map's: a replaced key keeps its place, a new
 * or re-added key goes last, a deleted key leaves.
 */

/** Changed keys: a value, or `undefined` for a base key deleted (the map's values are never undefined). */
type Layer<K, V> = Map<K, V | undefined>;

/** A layer at most this share of the base (and at least MIN_LAYER) is kept; a larger one is folded in. */
const LAYER_SHARE = 8;
const MIN_LAYER = 16;

export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly layer: Layer<K, V>,
    /** Keys of the layer placed after the base's (new, or deleted and set again), in the layer's order. */
    private readonly tail: ReadonlySet<K>,
    readonly size: number,
  ) {}

  /** A version holding a copy of `entries` (a LayeredMap is shared as it is: it never changes). */
  static of<K, V>(entries: ReadonlyMap<K, V>): LayeredMap<K, V> {
    if (entries instanceof LayeredMap) return entries as LayeredMap<K, V>;
    const base = new Map(entries);
    return new LayeredMap<K, V>(base, new Map(), new Set(), base.size);
  }

  get(key: K): V | undefined {
    return this.layer.has(key) ? this.layer.get(key) : this.base.get(key);
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  *entries(): MapIterator<[K, V]> {
    for (const [k, v] of this.base) {
      const value = this.layer.has(k) ? (this.tail.has(k) ? undefined : this.layer.get(k)) : v;
      if (value !== undefined) yield [k, value];
    }
    for (const [k, v] of this.layer) if (v !== undefined && this.tail.has(k)) yield [k, v];
  }

  *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  /** Visits the entries in order without allocating per entry: the hot readers (wake timer, persistence) use it. */
  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    this.base.forEach((v, k) => {
      const value = this.layer.has(k) ? (this.tail.has(k) ? undefined : this.layer.get(k)) : v;
      if (value !== undefined) callback.call(thisArg, value, k, this);
    });
    this.layer.forEach((v, k) => {
      if (v !== undefined && this.tail.has(k)) callback.call(thisArg, v, k, this);
    });
  }

  /** A builder starting from this version; its `done()` is the next version (this one stays as it is). */
  edit(): LayeredMapEdit<K, V> {
    return new LayeredMapEdit(this.base, this.layer, this.tail, this.size);
  }

  /** @internal The builder's view and result; `fold` folds a layer grown past its share into a new base. */
  static fromParts<K, V>(
    base: ReadonlyMap<K, V>,
    layer: Layer<K, V>,
    tail: ReadonlySet<K>,
    size: number,
    fold: boolean,
  ): LayeredMap<K, V> {
    const layered = new LayeredMap(base, layer, tail, size);
    if (!fold || layer.size <= Math.max(MIN_LAYER, base.size / LAYER_SHARE)) return layered;
    const folded = new Map(layered.entries());
    return new LayeredMap<K, V>(folded, new Map(), new Set(), folded.size);
  }
}

/** The mutable builder of one next version: copies the parent's small layer on its first write only. */
export class LayeredMapEdit<K, V> {
  private owned = false;

  constructor(
    private readonly base: ReadonlyMap<K, V>,
    private layer: Layer<K, V>,
    private tail: ReadonlySet<K>,
    private count: number,
  ) {}

  get size(): number {
    return this.count;
  }

  get(key: K): V | undefined {
    return this.layer.has(key) ? this.layer.get(key) : this.base.get(key);
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  set(key: K, value: V): void {
    const { layer, tail } = this.own();
    const present = this.has(key);
    if (!present && this.base.has(key)) {
      // A base key deleted in this version and set again: it moves to the end, as in a Map.
      layer.delete(key);
      tail.add(key);
    } else if (!present && !this.base.has(key)) {
      tail.add(key);
    }
    layer.set(key, value);
    if (!present) this.count += 1;
  }

  delete(key: K): void {
    if (!this.has(key)) return;
    const { layer, tail } = this.own();
    tail.delete(key);
    if (this.base.has(key)) layer.set(key, undefined);
    else layer.delete(key);
    this.count -= 1;
  }

  /** The entries as they stand, in the map's order (a snapshot: the builder may change while it is read). */
  snapshot(): LayeredMap<K, V> {
    return LayeredMap.fromParts(
      this.base,
      new Map(this.layer),
      new Set(this.tail),
      this.count,
      false,
    );
  }

  keys(): MapIterator<K> {
    return this.snapshot().keys();
  }

  values(): MapIterator<V> {
    return this.snapshot().values();
  }

  /** The next version; the builder must not be used after. */
  done(): LayeredMap<K, V> {
    return LayeredMap.fromParts(this.base, this.layer, this.tail, this.count, true);
  }

  private own(): { layer: Layer<K, V>; tail: Set<K> } {
    if (!this.owned) {
      this.layer = new Map(this.layer);
      this.tail = new Set(this.tail);
      this.owned = true;
    }
    return { layer: this.layer, tail: this.tail as Set<K> };
  }
}
