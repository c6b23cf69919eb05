/** @module The store's schema version: an old store is migrated, a newer or unknown one refused, never misread. */
import type { RootDatabase } from 'lmdb';
import { SCHEMA_VERSION, StoreVersionError } from '../../domain/store.ts';

export { SCHEMA_VERSION, StoreVersionError } from '../../domain/store.ts';

const KEY = 'schema_version';

/** Migrations from version n to n + 1, applied in order inside one transaction each. */
const MIGRATIONS: ReadonlyArray<(root: RootDatabase) => void> = [];

export function migrateOrRefuse(root: RootDatabase, dir: string): void {
  const meta = root.openDB<number, string>({ name: 'meta' });
  const found = meta.get(KEY);
  if (found === undefined) {
    // A fresh store: stamp it inside a write transaction, so two processes opening at once agree.
    root.transactionSync(() => {
      if (meta.get(KEY) === undefined) meta.putSync(KEY, SCHEMA_VERSION);
    });
    return;
  }
  if (found > SCHEMA_VERSION) {
    throw new StoreVersionError(
      `state store ${dir} has schema version ${found}, newer than this strikeline (${SCHEMA_VERSION}); upgrade strikeline or point TRADING_SYSTEM_ROOT elsewhere`,
    );
  }
  for (let v = found; v < SCHEMA_VERSION; v += 1) {
    const migrate = MIGRATIONS[v - 1];
    if (migrate === undefined) {
      throw new StoreVersionError(
        `state store ${dir} has schema version ${found} and no migration to ${SCHEMA_VERSION} exists`,
      );
    }
    root.transactionSync(() => {
      migrate(root);
      meta.putSync(KEY, v + 1);
    });
  }
}
