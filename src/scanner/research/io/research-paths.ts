/**
 * @module Where research lives under data/research/: walk-forward results per optimiser, checkpoints, GP
 * candidates, the regime model, the verdict study. A ticker is never a path: files are named by the hex of
 * the ticker's bytes, as the bar cache does.
 */
import { join } from 'node:path';
import { tickerFileStem } from '../../data/ticker.ts';

export interface ResearchPaths {
  readonly root: string;
  /** data/research/wfo (grid search) or data/research/ga (the genetic algorithm). */
  results(optimizer: 'grid' | 'ga'): string;
  resultFile(optimizer: 'grid' | 'ga', strategy: string, symbol: string): string;
  checkpoints: string;
  gaCheckpoint(strategy: string, symbol: string): string;
  gpCheckpoint(island: number): string;
  candidates: string;
  candidateFile(id: string): string;
  regimeModel: string;
  verdicts: string;
}

export function researchPaths(dataDir: string): ResearchPaths {
  const root = join(dataDir, 'research');
  const results = (o: 'grid' | 'ga') => join(root, o === 'grid' ? 'wfo' : 'ga');
  const checkpoints = join(root, 'checkpoints');
  const candidates = join(root, 'candidates');
  return {
    root,
    results,
    resultFile: (o, strategy, symbol) =>
      join(results(o), strategy, `${tickerFileStem(symbol)}.json`),
    checkpoints,
    gaCheckpoint: (strategy, symbol) =>
      join(checkpoints, 'ga', strategy, `${tickerFileStem(symbol)}.json`),
    gpCheckpoint: (island) => join(checkpoints, 'gp', `island-${island}.json`),
    candidates,
    candidateFile: (id) => join(candidates, `${id}.json`),
    regimeModel: join(root, 'regime', 'model.json'),
    verdicts: join(root, 'verdicts'),
  };
}
