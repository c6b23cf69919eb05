/** @module The page and its chart library, read once at start: plain files, no build step (uPlot from its npm package). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface Asset {
  readonly body: string;
  readonly type: string;
}

/** `checkout`: the checkout's directory (the page is read from its sources: the build bundles code, not pages). */
export function pageAssets(checkout: string): Readonly<Record<string, Asset>> {
  const uplot = dirname(createRequire(import.meta.url).resolve('uplot'));
  return {
    '/': {
      body: readFileSync(join(checkout, 'src', 'jobs', 'dashboard', 'dashboard.html'), 'utf8'),
      type: 'text/html; charset=utf-8',
    },
    '/assets/uPlot.iife.min.js': {
      body: readFileSync(join(uplot, 'uPlot.iife.min.js'), 'utf8'),
      type: 'text/javascript; charset=utf-8',
    },
    '/assets/uPlot.min.css': {
      body: readFileSync(join(uplot, 'uPlot.min.css'), 'utf8'),
      type: 'text/css; charset=utf-8',
    },
  };
}
