// `node bench/bad-documents.mjs`: the bad-document corpus (tests/fixtures/bad-documents.mjs) class
// by class, each class in a fresh Node process: every case through isi.validateAll() as bytes (as
// the command reads a file), the outcome checked against the case's expected message, the slowest
// case's time, and the process's peak memory over its baseline (after loading and one good
// validation). RELIABILITY.md's table of documents comes from this.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const { BAD_DOCUMENT_CLASSES } = await import('../tests/fixtures/bad-documents.mjs');

if (process.argv[2] === '--class') {
  const { load } = await import('../web/lib/isimport.js');
  const cls = BAD_DOCUMENT_CLASSES[Number(process.argv[3])];
  const isi = await load();
  isi.validateAll(new TextEncoder().encode('apiVersion: image.openshift.io/v1\nkind: ImageStreamImport\nmetadata: {name: a}\nspec: {images: [{from: {kind: DockerImage, name: nginx}}]}\n'));
  const baseline = process.resourceUsage().maxRSS;
  let expected = 0;
  let slowest = [0, ''];
  for (const [name, content, message] of cls.cases) {
    const value = typeof content === 'function' ? content() : content;
    const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : new Uint8Array(value);
    const started = performance.now();
    const results = isi.validateAll(bytes);
    const ms = performance.now() - started;
    if (ms > slowest[0]) slowest = [ms, name];
    const bad = results.find((r) => !r.valid) ?? results[0];
    const text = bad ? bad.status?.message ?? '' : 'no objects passed to validate';
    if ((bad === undefined || !bad.valid) && message.test(text)) expected++;
  }
  const growthMb = (process.resourceUsage().maxRSS - baseline) / 1024;
  process.stdout.write(JSON.stringify({ cases: cls.cases.length, expected, slowestMs: slowest[0], slowest: slowest[1], growthMb, baselineMb: baseline / 1024 }));
  process.exit(0);
}

console.log('| class | cases | refused as expected | slowest case | peak memory over baseline |');
console.log('|---|---:|---:|---|---:|');
let total = 0;
let allExpected = 0;
for (let i = 0; i < BAD_DOCUMENT_CLASSES.length; i++) {
  const r = spawnSync(process.execPath, [self, '--class', String(i)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) {
    console.log(`| ${BAD_DOCUMENT_CLASSES[i].name} | failed: ${r.stderr.trim().split('\n').at(-1)} | | | |`);
    process.exitCode = 1;
    continue;
  }
  const f = JSON.parse(r.stdout);
  total += f.cases;
  allExpected += f.expected;
  console.log(`| ${BAD_DOCUMENT_CLASSES[i].name} | ${f.cases} | ${f.expected} | ${f.slowestMs.toFixed(1)} ms (${f.slowest}) | ${f.growthMb.toFixed(0)} MB (over ${f.baselineMb.toFixed(0)} MB) |`);
}
console.log(`\n${allExpected} of ${total} documents refused with the expected message (node ${process.version})`);
if (allExpected !== total) process.exitCode = 1;
