// The README's examples run as shown. Every ```console block runs, command by command, in a
// scratch directory against a real demo registry (the README's address 127.0.0.1:35623 stands for
// it), and what each command prints must be what the README shows after it; a `$ cat FILE` shows
// a file the later commands read, so FILE is written first with the text shown. Every ```js block
// that loads the library runs too, and when the README says it "prints" what the next block
// shows, it must. The supply-chain fixtures are pushed to the same registry, and the key and
// policies the README's supply-chain section names are written to the scratch directory (the
// fixtures make their keys afresh on every run). Compared modulo the registry's address, times,
// uids, durations and short key fingerprints; a line that is only … stands for any number of
// lines, … inside a line for any text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startRegistry } from '../../e2e/registry/start.mjs';
import { populate, DEMO_REPOS } from '../../e2e/registry/images.mjs';
import { pushSupplyChain } from '../../e2e/registry/supply-artifacts.mjs';
import { HERMETIC_ENV } from '../web/support/cli-run.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README_HOST = '127.0.0.1:35623';
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The fenced blocks of a Markdown text: [{lang, body, before}] (before: the prose since the last block). */
export function fencedBlocks(markdown) {
  const blocks = [];
  const re = /^```([\w-]*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm;
  let last = 0;
  for (const m of markdown.matchAll(re)) {
    blocks.push({ lang: m[1], body: m[2], before: markdown.slice(last, m.index), line: markdown.slice(0, m.index).split('\n').length });
    last = m.index + m[0].length;
  }
  return blocks;
}

/** A console block as steps: [{command, expected: [lines]}]. */
export function consoleSteps(body) {
  const steps = [];
  for (const line of body.replace(/\n$/, '').split('\n')) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2), expected: [] });
    else if (steps.length) steps.at(-1).expected.push(line);
  }
  return steps;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const lineMatcher = (expected) => new RegExp(`^${expected.split('…').map(escape).join('.*?')}$`);

/** Whether `actual` lines match `expected` lines (… lines: any number of lines; … in a line: any text). */
export function matches(expected, actual) {
  const memo = new Map();
  const go = (i, j) => {
    const key = i * (actual.length + 1) + j;
    if (memo.has(key)) return memo.get(key);
    let ok;
    if (i === expected.length) ok = j === actual.length;
    else if (expected[i].trim() === '…') ok = go(i + 1, j) || (j < actual.length && go(i, j + 1));
    else ok = j < actual.length && lineMatcher(expected[i]).test(actual[j]) && go(i + 1, j + 1);
    memo.set(key, ok);
    return ok;
  };
  return go(0, 0);
}

// What varies from run to run, in the README and in what the commands print alike.
function normalize(text) {
  return text
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '<time>')
    .replace(/"uid": "[0-9a-f-]{36}"/g, '"uid": "<uid>"')
    .replace(/^(real|user|sys)\s+\d+m[\d.]+s$/gm, '$1 <duration>')
    .replace(/\b\d+(\.\d+)? (ms|s)\b(?=\)|$| \()/gm, '<duration>')
    // A key's short fingerprint: the supply-chain fixtures make their keys afresh on every run.
    .replace(/\bSHA256:[0-9a-f]{12}\b/g, 'SHA256:<key>');
}

let registry;
let scratch;
let host;
before(async () => {
  registry = await startRegistry({ mode: 'anonymous' });
  await populate(registry, { repos: DEMO_REPOS });
  // The supply-chain section's images (supply/…; few layers for the many-layers lie: it is not shown).
  const { record } = await pushSupplyChain(registry, { manyLayers: 2 });
  host = registry.host;
  scratch = await mkdtemp(join(tmpdir(), 'isimport-readme-'));
  await symlink(join(ROOT, 'examples'), join(scratch, 'examples'));
  // The key the fixtures signed with, and the policies the README shows (their keyData is that key).
  await writeFile(join(scratch, 'cosign.pub'), record.keys.ecdsa.pem);
  const policy = (name, matchPolicy) => `apiVersion: config.openshift.io/v1
kind: ClusterImagePolicy
metadata:
  name: ${name}
spec:
  scopes:
  - ${host}/supply
  policy:
    rootOfTrust:
      policyType: PublicKey
      publicKey:
        keyData: ${Buffer.from(record.keys.ecdsa.pem).toString('base64')}
    signedIdentity:
      matchPolicy: ${matchPolicy}
`;
  await writeFile(join(scratch, 'policy.yaml'), policy('supply-signed', 'MatchRepository'));
  await writeFile(join(scratch, 'exact.yaml'), policy('supply-exact', 'MatchRepoDigestOrExact'));
});
after(async () => {
  await registry?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const toReal = (s) => s.replaceAll(README_HOST, host);
const toReadme = (s) => s.replaceAll(host, README_HOST);
const blocks = fencedBlocks(README);

test('the README has examples to run', () => {
  assert.ok(blocks.filter((b) => b.lang === 'console').length >= 3);
});

for (const block of blocks.filter((b) => b.lang === 'console')) {
  test(`README.md:${block.line}: ${consoleSteps(block.body)[0]?.command ?? '(empty)'} …`, async () => {
    let status = 0;
    for (const step of consoleSteps(block.body)) {
      const cat = /^cat (\S+)$/.exec(step.command);
      if (cat && !cat[1].startsWith('examples/')) {
        // A file the README shows: written as shown, for the commands after it.
        const path = join(scratch, cat[1]);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, toReal(`${step.expected.join('\n')}\n`));
        continue;
      }
      let output;
      if (step.command === 'echo $?') {
        output = `${status}\n`;
      } else {
        const command = toReal(step.command).replaceAll('npx isimport', `node ${join(ROOT, 'web/cli/isimport.js')}`);
        // Standard error and output interleaved, as a terminal shows them.
        const r = spawnSync('bash', ['-c', `exec 2>&1\n${command}`], { cwd: scratch, encoding: 'utf8', env: { ...HERMETIC_ENV, TIMEFORMAT: 'real\t%0lR' }, timeout: 60_000 });
        status = r.status;
        output = r.stdout;
      }
      const actual = normalize(toReadme(output)).replace(/\n$/, '').split('\n').filter((l, i, all) => !(all.length === 1 && l === ''));
      const expected = normalize(step.expected.join('\n')).split('\n').filter((l, i, all) => !(all.length === 1 && l === ''));
      assert.ok(matches(expected, actual), `README.md:${block.line}: $ ${step.command}\n--- the README shows\n${expected.join('\n')}\n--- it prints\n${actual.join('\n')}`);
    }
  });
}

blocks.forEach((block, index) => {
  if (block.lang !== 'js' || !/from 'isimport'/.test(block.body)) return;
  const next = blocks[index + 1];
  const printed = next && next.lang === '' && /\bprints\b/i.test(next.before) ? next.body : null;
  test(`README.md:${block.line}: the JS example runs${printed !== null ? ' and prints what the README shows' : ''}`, async () => {
    // Beside the package, so that `import … from 'isimport'` resolves through its "exports".
    const file = join(ROOT, 'build', `readme-example-${block.line}.mjs`);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, toReal(block.body));
    const r = spawnSync('bash', ['-c', `exec 2>&1\nexec "$0" "$1"`, process.execPath, file], { cwd: scratch, encoding: 'utf8', env: HERMETIC_ENV, timeout: 60_000 });
    assert.equal(r.status, 0, `README.md:${block.line}: the example failed:\n${r.stdout}`);
    if (printed === null) return;
    const actual = normalize(toReadme(r.stdout)).replace(/\n$/, '').split('\n');
    const expected = normalize(printed.replace(/\n$/, '')).split('\n');
    assert.ok(matches(expected, actual), `README.md:${block.line}\n--- the README shows\n${expected.join('\n')}\n--- it prints\n${actual.join('\n')}`);
  });
});
