// Packs isimport as `npm pack` does for a publisher and makes the consumer projects of
// consumers.json outside the checkout, each with the tarball and its own pinned dependencies
// installed from the npm registry: nothing in them leads back into the checkout.
//
//   node tests/consumers/prepare.mjs [--out DIR]   prints {"dir", "tarball", "pack"} as one line
//
// The consumer tests (tests/consumers/*.test.mjs) read that line from $ISIMPORT_CONSUMERS, or run
// this themselves. A folder whose package.json is unchanged since its last install is kept, so a
// second run installs only the new tarball.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CONSUMERS = JSON.parse(readFileSync(new URL('./consumers.json', import.meta.url), 'utf8'));
const APPS = fileURLToPath(new URL('./apps/', import.meta.url));
const PLUGIN = join(root, 'examples/console-plugin');

const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Packs the checkout into `dir`: {tarball, pack: npm's own report (files, sizes)}. */
export function packInto(dir) {
  mkdirSync(dir, { recursive: true });
  const [pack] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], root));
  return { tarball: join(dir, pack.filename), pack };
}

/** Every consumer folder of consumers.json under `dir`, and the console plugin example, installed with the tarball. */
export function prepareConsumers(dir = join(tmpdir(), 'isimport-consumers')) {
  const { tarball, pack } = packInto(join(dir, 'tarball'));
  const tarballHash = createHash('sha256').update(readFileSync(tarball)).digest('hex').slice(0, 16);
  const isimport = pathToFileURL(tarball).href;
  for (const [name, dependencies] of Object.entries(CONSUMERS)) {
    if (name.startsWith('//')) continue;
    const folder = join(dir, name);
    const manifest = { name: `isimport-consumer-${name}`, private: true, type: 'module', dependencies: { isimport, ...dependencies } };
    installFolder(folder, manifest, tarballHash, () => {});
    // The apps' sources, copied in (not linked): a bundler resolves only from the folder.
    cpSync(APPS, join(folder, 'src'), { recursive: true });
  }
  // The console plugin of examples/, as its user would build it, with the tarball for isimport.
  const example = JSON.parse(readFileSync(join(PLUGIN, 'package.json'), 'utf8'));
  example.dependencies.isimport = isimport;
  installFolder(join(dir, 'console-plugin'), example, tarballHash, (folder) => {
    cpSync(PLUGIN, folder, { recursive: true, filter: (path) => !/\/(node_modules|dist)$/.test(path) });
  });
  return { dir, tarball, pack };
}

// Installs `manifest` in `folder` (copied in by `fill` first) unless the folder already holds
// exactly that manifest and tarball.
function installFolder(folder, manifest, tarballHash, fill) {
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const stamp = join(folder, '.installed');
  const want = `${createHash('sha256').update(text).digest('hex')} ${tarballHash}`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  fill(folder);
  writeFileSync(join(folder, 'package.json'), text);
  const started = Date.now();
  npm(['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], folder);
  process.stderr.write(`consumers: ${basename(folder)} installed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  writeFileSync(stamp, want);
}

/** The prepared consumers: $ISIMPORT_CONSUMERS (this script's line) when set, else prepared now. */
export function consumers() {
  if (process.env.ISIMPORT_CONSUMERS) return JSON.parse(process.env.ISIMPORT_CONSUMERS);
  return prepareConsumers();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outAt = process.argv.indexOf('--out');
  const prepared = prepareConsumers(outAt > 0 ? process.argv[outAt + 1] : undefined);
  process.stdout.write(`${JSON.stringify(prepared)}\n`);
}
