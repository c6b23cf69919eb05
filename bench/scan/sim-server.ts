/** @module A simulator serving the scan benchmark's universe in a process of its own (for profiling by hand): prints its REST URL. */
import { startSimulator } from '../../src/sim/start-simulator.ts';
import { benchSymbol } from './synthetic-universe.ts';

const count = Number(process.argv[2] ?? '500');
const symbols = Array.from({ length: count }, (_, i) => benchSymbol(i));
const sim = await startSimulator({
  key: 'PKBENCHKEY',
  secret: 'bench-scan-secret',
  start: '2025-01-02T15:00:00Z',
  speed: 0,
  seed: 42,
  symbols: [...symbols, 'SPY', 'VIXY'],
});
process.stdout.write(`${sim.urls.rest}\n`);
process.on('SIGTERM', () => {
  void sim.close().then(() => process.exit(0));
});
