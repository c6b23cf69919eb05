#!/usr/bin/env node
// Entry point. Commands run their TypeScript through tsx, so a fresh clone needs no build step. The
// always-on daemon (`stream`) runs from an esbuild bundle of its own code instead: tsx's loader thread
// would cost it some 50 MB of memory for as long as it runs.
if (process.argv[2] === 'stream' && process.env.STRIKELINE_NO_BUNDLE !== '1') {
  let entry;
  try {
    const { daemonBundle } = await import('./daemon-bundle.js');
    entry = await daemonBundle();
  } catch (e) {
    process.stderr.write(`strikeline: could not bundle the daemon (${e instanceof Error ? e.message : String(e)}); running it through tsx\n`);
  }
  if (entry !== undefined) {
    await import(entry);
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    await import('../src/cli/daemon-main.ts');
  }
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
