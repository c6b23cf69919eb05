/**
 * @module Headless Chromium for page tests, from the binary `@sparticuz/chromium` ships inside its npm package
 * (brotli-compressed, unpacked once per machine into the temp folder), so that `npm ci` alone is enough: no
 * system browser, no download. `STRIKELINE_CHROMIUM=/path/to/chromium` picks a system browser instead.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

/** Flags for a headless browser on a box with no display, no GPU and no user namespace sandbox. */
export const HEADLESS_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-zygote',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // A POSIX locale in the environment (LANG=C) reaches pages as the invalid tag en-US@posix.
  '--lang=en-US',
];

interface ChromiumInstall {
  executablePath: string;
  env: Record<string, string>;
}

const require = createRequire(import.meta.url);

function packageDir(): { bin: string; version: string } {
  // The package exports only its entry point (build/cjs/index.cjs); its root is two folders up.
  const root = dirname(dirname(dirname(require.resolve('@sparticuz/chromium'))));
  const manifest = readFileSync(join(root, 'package.json'), 'utf8');
  const { version } = JSON.parse(manifest) as { version: string };
  return { bin: join(root, 'bin'), version };
}

async function untarBrotli(archive: string, into: string): Promise<void> {
  const tarFile = join(into, 'unpacking.tar');
  await pipeline(createReadStream(archive), createBrotliDecompress(), createWriteStream(tarFile));
  const tar = spawn('tar', ['-x', '-f', tarFile, '-C', into], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => tar.once('close', resolve));
  await rm(tarFile);
  if (code !== 0) throw new Error(`tar could not unpack ${archive} (exit ${String(code)})`);
}

/** Fonts the package ships plus the system's, with a cache inside the unpacked folder. */
const fontsConf = (dir: string): string =>
  `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
  `  <dir>${join(dir, 'fonts')}</dir>\n  <dir>/usr/share/fonts</dir>\n` +
  `  <cachedir>${join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`;

/** Unpacks into a private folder, then renames it into place: concurrent test workers never see half a binary. */
async function unpack(bin: string, dir: string): Promise<void> {
  const staging = `${dir}.${String(process.pid)}.${String(Math.random()).slice(2)}`;
  mkdirSync(staging, { recursive: true });
  try {
    await pipeline(
      createReadStream(join(bin, 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(join(staging, 'chromium'), { mode: 0o755 }),
    );
    // al2023 carries NSS and expat, which a box without a system browser lacks.
    await untarBrotli(join(bin, 'al2023.tar.br'), staging);
    await untarBrotli(join(bin, 'fonts.tar.br'), staging);
    await writeFile(join(staging, 'fonts.conf'), fontsConf(dir));
    await rename(staging, dir).catch((e: unknown) => {
      if (!existsSync(join(dir, 'chromium'))) throw e;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function bundledChromium(): Promise<ChromiumInstall> {
  const { bin, version } = packageDir();
  const dir = join(tmpdir(), `strikeline-chromium-${version}`);
  if (!existsSync(join(dir, 'chromium'))) await unpack(bin, dir);
  const libs = [join(dir, 'lib'), process.env.LD_LIBRARY_PATH ?? ''].filter((p) => p !== '');
  return {
    executablePath: join(dir, 'chromium'),
    env: { LD_LIBRARY_PATH: libs.join(':'), FONTCONFIG_PATH: dir },
  };
}

/** The browser a page test drives: the bundled one unless `STRIKELINE_CHROMIUM` names another. */
export async function launchChromium(): Promise<Browser> {
  const chosen = process.env.STRIKELINE_CHROMIUM;
  const install =
    chosen === undefined || chosen === ''
      ? await bundledChromium()
      : { executablePath: chosen, env: {} };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return chromium.launch({
    executablePath: install.executablePath,
    args: HEADLESS_ARGS,
    env: { ...env, LANG: 'en_US.UTF-8', ...install.env },
  });
}
