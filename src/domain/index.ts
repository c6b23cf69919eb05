/** @module The domain barrel: types and pure rules, no I/O. */
export * from './money.ts';
export * from './orders.ts';
export * from './account.ts';
export * from './account-history.ts';
export * from './events.ts';
export * from './ports.ts';
export * from './store.ts';
export * from './broker-error.ts';
export * from './rules/exit-rules.ts';
export * from './time/ny-time.ts';
