// What `isimport` loads for what it is asked: validating JSON (or plain block YAML) never loads
// the `yaml` package, the import engine, the registry drivers or the other commands' modules
// (docs/architecture.md: the import engine is loaded by the first import only). Every module a
// run loads is logged by Node's own module hooks (ES modules) and read from the CommonJS cache at
// exit (the `yaml` package is required); the runs that must load those modules show the log sees
// them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = join(root, 'web/cli/isimport.js');

// Runs in Node's hooks thread: every module loaded, one URL a line.
const HOOKS = `
import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function load(url, context, next) {
  appendFileSync(log, url + '\\n');
  return next(url, context);
}`;

/** @param {string} log */
const preload = (log) => `
import { createRequire, register } from 'node:module';
import { appendFileSync } from 'node:fs';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)}, { data: { log: ${JSON.stringify(log)} } });
const required = createRequire(${JSON.stringify(cli)}).cache;
process.on('exit', () => appendFileSync(${JSON.stringify(log)}, Object.keys(required).map((path) => 'file://' + path + '\\n').join('')));
`;

/**
 * The modules of the package and of node_modules that `isimport ...args` loads, as paths from
 * the repository's root.
 * @param {string[]} args
 * @param {string} [input] standard input
 */
function loadedBy(args, input) {
  const dir = mkdtempSync(join(tmpdir(), 'isimport-loading-'));
  try {
    const log = join(dir, 'modules.log');
    writeFileSync(log, '');
    const run = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(preload(log))}`, cli, ...args], { cwd: root, input, encoding: 'utf8' });
    assert.ok((run.status === 0 || run.status === 1) && run.stderr === '', `isimport ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
    return new Set(readFileSync(log, 'utf8').split('\n')
      .filter((url) => url.startsWith('file://'))
      .map((url) => fileURLToPath(url).slice(root.length).replace(/\\/g, '/')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** @param {Set<string>} modules */
const yamlPackage = (modules) => [...modules].filter((m) => m.startsWith('node_modules/yaml/'));
// Modules only importing and the supply chain need.
const IMPORT_ONLY = ['web/lib/wasm/isimport_import.mjs', 'web/lib/import-driver.js', 'web/lib/supply-chain.js', 'web/lib/signature-checks.js',
  'web/cli/import-command.js', 'web/cli/supply-command.js', 'web/cli/run-support.js', 'web/cli/auth-files.js', 'web/cli/import-report.js', 'web/cli/supply-report.js'];

describe('what a run loads', () => {
  test('validate JSON: neither the yaml package nor anything of importing', () => {
    const modules = loadedBy(['validate', 'examples/tag-import.json']);
    assert.ok(modules.has('web/lib/wasm/isimport_validation.mjs'), 'the log sees the modules loaded');
    assert.deepEqual(yamlPackage(modules), []);
    assert.deepEqual(IMPORT_ONLY.filter((m) => modules.has(m)), []);
  });

  test('validate plain block YAML: no yaml package either', () => {
    const modules = loadedBy(['validate', 'examples/tag-import.yaml', 'examples/streams.yaml']);
    assert.deepEqual(yamlPackage(modules), []);
    assert.deepEqual(IMPORT_ONLY.filter((m) => modules.has(m)), []);
  });

  test('YAML beyond plain blocks loads the yaml package (and still nothing of importing)', () => {
    const modules = loadedBy(['validate', '-'], 'apiVersion: image.openshift.io/v1\nkind: ImageStreamImport\nmetadata: &m {name: web}\n');
    assert.notDeepEqual(yamlPackage(modules), [], 'the log sees the yaml package when it is loaded');
    assert.deepEqual(IMPORT_ONLY.filter((m) => modules.has(m)), []);
  });

  test('import --help loads the import command', () => {
    const modules = loadedBy(['import', '--help']);
    assert.ok(modules.has('web/cli/import-command.js'));
    assert.ok(!modules.has('web/cli/validate-command.js'));
  });
});
