/**
 * @module The doctor's research checks (seed 001's "checkpoints and the regime model load"): the regime model, the
 * promoted GP candidates the scanner runs, and the GA and GP checkpoints the next research run resumes from, each
 * read as its user reads it. None trained yet is fine; one that would be refused is a failure now, not at 20:00.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readCandidate } from '../../scanner/research/gp/candidate.ts';
import { researchPaths } from '../../scanner/research/io/research-paths.ts';
import { GP_CHECKPOINT_FORMAT, GP_CHECKPOINT_VERSION } from '../../scanner/research/work/gp-job.ts';
import { loadCheckpoint } from '../../scanner/research/work/checkpoint-file.ts';
import {
  GA_CHECKPOINT_FORMAT,
  GA_CHECKPOINT_VERSION,
} from '../../scanner/research/work/wfo-job.ts';
import { readRegimeModel } from '../../scanner/research/regime/regime-model-file.ts';
import { checksOf, messageOf, type DoctorCheck } from './doctor-check.ts';

const c = checksOf('research');
const RETRAIN = 'strikeline research --task regime';

function regimeCheck(file: string): DoctorCheck {
  try {
    const model = readRegimeModel(file);
    if (model === undefined)
      return c.ok('research.regime', `no regime model trained yet (${RETRAIN} writes ${file})`);
    return c.ok(
      'research.regime',
      `regime model loads: ${model.states} states, trained through ${model.trained.through}, regime now ${model.current.label}`,
    );
  } catch (e) {
    return c.fail('research.regime', messageOf(e), `${RETRAIN} (or remove ${file})`);
  }
}

function candidatesCheck(dir: string, promoted: readonly string[]): DoctorCheck {
  if (promoted.length === 0)
    return c.ok('research.candidates', 'no GP candidate promoted (research.promoted is empty)');
  const bad = promoted.flatMap((id) => {
    try {
      readCandidate(join(dir, `${id}.json`), id);
      return [];
    } catch (e) {
      return [messageOf(e)];
    }
  });
  if (bad.length > 0)
    return c.fail(
      'research.candidates',
      bad.join('; '),
      'run strikeline research --task gp, or remove the id from research.promoted',
    );
  return c.ok(
    'research.candidates',
    `${promoted.length} promoted candidate(s) load: ${promoted.join(', ')}`,
  );
}

function jsonFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(dir, f));
}

function checkpointsCheck(dir: string): DoctorCheck {
  const kinds = [
    {
      files: jsonFilesUnder(join(dir, 'ga')),
      format: GA_CHECKPOINT_FORMAT,
      version: GA_CHECKPOINT_VERSION,
    },
    {
      files: jsonFilesUnder(join(dir, 'gp')),
      format: GP_CHECKPOINT_FORMAT,
      version: GP_CHECKPOINT_VERSION,
    },
  ];
  const bad = kinds.flatMap((k) =>
    k.files.flatMap((file) => {
      try {
        // An empty key matches no run: the file is read and its format checked, its state never used.
        loadCheckpoint(file, k.format, k.version, '');
        return [];
      } catch (e) {
        return [messageOf(e)];
      }
    }),
  );
  const [ga, gp] = kinds.map((k) => k.files.length);
  if (bad.length > 0)
    return c.fail(
      'research.checkpoints',
      bad.join('; '),
      'remove the file, or run strikeline research --fresh',
    );
  return c.ok(
    'research.checkpoints',
    ga === 0 && gp === 0
      ? 'no checkpoint kept (none in progress)'
      : `${ga ?? 0} GA and ${gp ?? 0} GP checkpoint(s) load`,
  );
}

export function researchChecks(dataDir: string, promoted: readonly string[]): DoctorCheck[] {
  const paths = researchPaths(dataDir);
  return [
    regimeCheck(paths.regimeModel),
    candidatesCheck(paths.candidates, promoted),
    checkpointsCheck(paths.checkpoints),
  ];
}
